package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class CanonicalLocationTest {

    private static String canonical(String uri) {
        return CanonicalLocation.of(URI.create(uri)).toString();
    }

    @Test
    void spellingsOfOneFileLocationBecomeOne() {
        for (String spelling : new String[] {"file:///data/a%20b/c", "file:///data//a%20b/c/", "FILE:///data/a%20%62/c",
                "file:///data/a%20b//c//"}) {
            assertThat(canonical(spelling)).as(spelling).isEqualTo("file:///data/a%20b/c");
        }
    }

    @Test
    void textOutsideAsciiIsEscapedOneWay() {
        assertThat(canonical("file:///d/プロ")).isEqualTo("file:///d/%E3%83%97%E3%83%AD");
        assertThat(canonical("file:///d/%e3%83%97%E3%83%ad")).isEqualTo("file:///d/%E3%83%97%E3%83%AD");
        assertThat(canonical("gs://b/caf%C3%A9/x")).isEqualTo(canonical("gs://b/café/x"));
    }

    @Test
    void anEscapedSlashIsASlashBecauseTheStoresReadTheDecodedPath() {
        assertThat(canonical("s3://bucket/a%2Fb")).isEqualTo("s3://bucket/a/b");
    }

    @Test
    void objectKeysKeepTheirEmptySegmentsButNotATrailingSlash() {
        assertThat(canonical("s3://bucket/a//b/")).isEqualTo("s3://bucket/a//b");
        assertThat(canonical("s3://bucket/logs")).isEqualTo("s3://bucket/logs");
    }

    @Test
    void charactersAPathAllowsStayAsTheyAre() {
        assertThat(canonical("file:///d/x-1_2.3~4!$&'()*+,;=:@")).isEqualTo("file:///d/x-1_2.3~4!$&'()*+,;=:@");
        assertThat(canonical("file:///d/100%25")).isEqualTo("file:///d/100%25");
    }
}
