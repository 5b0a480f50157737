import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/** `camel`, as Camel JBang runs it: the arguments go to camel-jbang-core's command line unchanged. */
public final class CamelCli {
    private CamelCli() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
