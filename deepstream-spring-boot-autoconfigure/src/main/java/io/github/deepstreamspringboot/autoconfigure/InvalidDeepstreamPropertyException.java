package io.github.deepstreamspringboot.autoconfigure;

/**
 * Thrown at start-up for a {@code deepstream.*} property that cannot work; turned into Spring Boot's "APPLICATION
 * FAILED TO START" report by {@link DeepstreamPropertyFailureAnalyzer}. The message never contains credentials.
 */
public class InvalidDeepstreamPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The property at fault. */
    private final String property;

    /** What to do about it. */
    private final String action;

    /**
     * Creates an exception.
     * @param property the property, e.g. {@code deepstream.url}
     * @param problem what is wrong with it
     * @param action what to do about it
     * @param cause the validation failure
     */
    public InvalidDeepstreamPropertyException(String property, String problem, String action, Throwable cause) {
        super("Invalid property '" + property + "': " + problem, cause);
        this.property = property;
        this.action = action;
    }

    /** @return the property */
    public String getProperty() {
        return this.property;
    }

    /** @return what to do about it */
    public String getAction() {
        return this.action;
    }

}
