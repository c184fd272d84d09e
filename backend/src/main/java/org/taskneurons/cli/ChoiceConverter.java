package org.taskneurons.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option that is a closed choice by its name in lower case (any case is accepted); a
 * bad value is answered with the names as the user types them ({@code mean, median}), not as the
 * Java constants picocli would list ({@code [MEAN, MEDIAN]}).
 */
final class ChoiceConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E choice : type.getEnumConstants()) {
            if (choice.name().equalsIgnoreCase(value)) {
                return choice;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(choice -> choice.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
