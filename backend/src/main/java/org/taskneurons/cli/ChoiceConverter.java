package org.taskneurons.cli;

import org.taskneurons.choice.Choice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option that is a closed choice by its label ({@link Choice#of}: any case, {@code -}
 * or {@code _}); a bad value is answered with the labels as the user types them
 * ({@code mean, median}), not as the Java constants picocli would list ({@code [MEAN, MEDIAN]}).
 */
final class ChoiceConverter<E extends Enum<E> & Choice> implements ITypeConverter<E> {
    private final Class<E> type;

    ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        try {
            return Choice.of(type, value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
