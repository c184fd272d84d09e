package org.taskneurons.cli;

import org.taskneurons.data.Scaling;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a scaling by name: minmax, min-max and min_max are one. */
final class ScalingConverter implements ITypeConverter<Scaling> {
    @Override
    public Scaling convert(String value) {
        try {
            return Scaling.named(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
