package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidDeepstreamPropertyException} as a description of what is wrong and an action that says
 * how to fix it.
 */
class DeepstreamPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDeepstreamPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDeepstreamPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
