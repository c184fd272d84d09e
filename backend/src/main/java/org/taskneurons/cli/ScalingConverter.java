package org.taskneurons.cli;

import java.util.Locale;
import org.taskneurons.data.Scaling;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a scaling by name, with or without a separator: minmax, min-max and min_max are one. */
final class ScalingConverter implements ITypeConverter<Scaling> {
    @Override
    public Scaling convert(String value) {
        String key = value.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Scaling scaling : Scaling.values()) {
            if (scaling.name().toLowerCase(Locale.ROOT).replace("_", "").equals(key)) {
                return scaling;
            }
        }
        throw new TypeConversionException("unknown scaling '" + value + "' (expected none, minmax or standard)");
    }
}
