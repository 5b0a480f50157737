package routes.infra;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** {@code /docs}: Swagger UI (from its webjar, no download at run time) over {@code /openapi.json}. */
final class ApiDocs {

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Data in Motion API</title>
            <link rel="stylesheet" href="/docs/swagger-ui.css"></head>
            <body><div id="swagger-ui"></div>
            <script src="/docs/swagger-ui-bundle.js"></script>
            <script>SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});</script>
            </body></html>
            """;

    private ApiDocs() {
    }

    static void attach(Router router) {
        String version = webjarVersion();
        if (version == null) {
            return; // the webjar is not on the classpath: no docs page, the API is unaffected
        }
        router.get("/docs").order(-800).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE));
        router.get("/docs/*").order(-800).handler(StaticHandler.create("META-INF/resources/webjars/swagger-ui/"
                + version));
    }

    private static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }
}
