package routes.classify;

import java.time.Duration;

/**
 * The parameters of the recency/frequency classifier.
 * <ul>
 *   <li>hot: at least {@code hotAccesses} accesses within {@code lookback}, the last one within {@code hotWithin};</li>
 *   <li>cold: no access for longer than {@code coldAfter};</li>
 *   <li>warm: everything between.</li>
 * </ul>
 */
public record RuleParams(long hotAccesses, Duration hotWithin, Duration coldAfter, Duration lookback) {
}
