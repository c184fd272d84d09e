package org.taskneurons.cli;

import org.taskneurons.choice.Choice;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * An option of a {@link Choice} type whose field starts with a value takes that value's label as
 * its default: the default is written once, in the field (usually from the spec's defaults),
 * and {@code ${DEFAULT-VALUE}} in the help shows {@code rmsprop}, not {@code RMSPROP}.
 */
final class ChoiceDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argument) {
        return argument.initialValue() instanceof Choice choice ? choice.label() : null;
    }
}
