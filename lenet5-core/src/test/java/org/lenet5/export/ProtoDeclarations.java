package org.lenet5.export;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a compiled {@code .proto} file back as {@code .proto} declarations: the messages, enums,
 * fields, oneofs, maps, reserved numbers and options its descriptor holds, in an order that
 * {@code protoc} compiles to that very descriptor (comments are not in descriptors). Covers what
 * TensorFlow's protos use; anything else (services, extensions, groups, defaults, custom options)
 * is refused rather than written wrong.
 */
final class ProtoDeclarations {

  /** The highest field number plus one, a message's reserved range's exclusive end for "max". */
  private static final int FIELD_NUMBER_LIMIT = 1 << 29;

  private final FileDescriptorProto file;
  private final boolean proto2;
  private final StringBuilder out = new StringBuilder();

  private ProtoDeclarations(FileDescriptorProto file) {
    this.file = file;
    this.proto2 = file.getSyntax().isEmpty() || file.getSyntax().equals("proto2");
  }

  /** The declarations of {@code file}, under a comment {@code header} (one line per element). */
  static String of(FileDescriptorProto file, List<String> header) {
    ProtoDeclarations declarations = new ProtoDeclarations(file);
    header.forEach(line -> declarations.out.append("// ").append(line).append('\n'));
    declarations.out.append('\n');
    declarations.file();
    return declarations.out.toString();
  }

  private void file() {
    if (file.getServiceCount() > 0 || file.getExtensionCount() > 0) {
      throw new IllegalArgumentException(file.getName() + " has services or extensions");
    }
    out.append("syntax = \"").append(proto2 ? "proto2" : file.getSyntax()).append("\";\n\n");
    out.append("package ").append(file.getPackage()).append(";\n");
    if (file.getDependencyCount() > 0) {
      out.append('\n');
    }
    for (int i = 0; i < file.getDependencyCount(); i++) {
      if (file.getWeakDependencyList().contains(i)) {
        throw new IllegalArgumentException(file.getName() + " has a weak import");
      }
      out.append("import ")
          .append(file.getPublicDependencyList().contains(i) ? "public " : "")
          .append(quoted(file.getDependency(i)))
          .append(";\n");
    }
    if (!file.getOptions().getAllFields().isEmpty()) {
      out.append('\n');
      options(file.getOptions(), "");
    }
    for (DescriptorProto message : file.getMessageTypeList()) {
      out.append('\n');
      message(message, "");
    }
    for (EnumDescriptorProto enumType : file.getEnumTypeList()) {
      out.append('\n');
      enumType(enumType, "");
    }
  }

  private void message(DescriptorProto message, String indent) {
    if (message.getExtensionCount() > 0 || message.getExtensionRangeCount() > 0) {
      throw new IllegalArgumentException(message.getName() + " has extensions");
    }
    out.append(indent).append("message ").append(message.getName()).append(" {\n");
    String inner = indent + "  ";
    options(message.getOptions(), inner);
    Map<String, DescriptorProto> mapEntries = new HashMap<>();
    for (DescriptorProto nested : message.getNestedTypeList()) {
      if (nested.getOptions().getMapEntry()) {
        mapEntries.put(nested.getName(), nested);
      }
    }
    // protoc lists a map field's entry type among the nested messages where the field stands, so
    // each map field goes where its entry is, each other nested message as early as possible.
    int next = 0;
    for (DescriptorProto nested : message.getNestedTypeList()) {
      if (nested.getOptions().getMapEntry()) {
        int mapField = fieldOfEntry(message, nested);
        while (next <= mapField) {
          next = fields(message, next, inner, mapEntries);
        }
      } else {
        message(nested, inner);
      }
    }
    while (next < message.getFieldCount()) {
      next = fields(message, next, inner, mapEntries);
    }
    for (DescriptorProto.ReservedRange range : message.getReservedRangeList()) {
      reserved(range.getStart(), range.getEnd() - 1, range.getEnd() == FIELD_NUMBER_LIMIT, inner);
    }
    for (String name : message.getReservedNameList()) {
      out.append(inner).append("reserved ").append(quoted(name)).append(";\n");
    }
    for (EnumDescriptorProto enumType : message.getEnumTypeList()) {
      enumType(enumType, inner);
    }
    out.append(indent).append("}\n");
  }

  private static int fieldOfEntry(DescriptorProto message, DescriptorProto entry) {
    for (int i = 0; i < message.getFieldCount(); i++) {
      if (message.getField(i).getTypeName().endsWith("." + message.getName() + "."
          + entry.getName())) {
        return i;
      }
    }
    throw new IllegalArgumentException("no field of map entry " + entry.getName());
  }

  /** Writes field {@code i}, or the oneof it opens; returns the index after what was written. */
  private int fields(
      DescriptorProto message, int i, String indent, Map<String, DescriptorProto> mapEntries) {
    FieldDescriptorProto first = message.getField(i);
    if (!first.hasOneofIndex() || first.getProto3Optional()) {
      field(first, indent, mapEntries);
      return i + 1;
    }
    int oneof = first.getOneofIndex();
    OneofDescriptorProto declaration = message.getOneofDecl(oneof);
    out.append(indent).append("oneof ").append(declaration.getName()).append(" {\n");
    options(declaration.getOptions(), indent + "  ");
    int next = i;
    while (next < message.getFieldCount() && inOneof(message.getField(next), oneof)) {
      field(message.getField(next), indent + "  ", mapEntries);
      next++;
    }
    for (int later = next; later < message.getFieldCount(); later++) {
      if (inOneof(message.getField(later), oneof)) {
        throw new IllegalArgumentException("the fields of oneof " + declaration.getName()
            + " are not declared together");
      }
    }
    out.append(indent).append("}\n");
    return next;
  }

  private static boolean inOneof(FieldDescriptorProto field, int oneof) {
    return field.hasOneofIndex() && field.getOneofIndex() == oneof && !field.getProto3Optional();
  }

  private void field(
      FieldDescriptorProto field, String indent, Map<String, DescriptorProto> mapEntries) {
    if (field.hasDefaultValue() || field.hasExtendee()) {
      throw new IllegalArgumentException(field.getName() + " has a default or extends");
    }
    out.append(indent);
    DescriptorProto entry = mapEntries.get(simpleName(field.getTypeName()));
    if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED && entry != null) {
      out.append("map<").append(type(entry.getField(0))).append(", ")
          .append(type(entry.getField(1))).append('>');
    } else {
      switch (field.getLabel()) {
        case LABEL_REPEATED -> out.append("repeated ");
        case LABEL_REQUIRED -> out.append("required ");
        case LABEL_OPTIONAL -> out.append(proto2 || field.getProto3Optional() ? "optional " : "");
      }
      out.append(type(field));
    }
    out.append(' ').append(field.getName()).append(" = ").append(field.getNumber());
    List<String> options = inlineOptions(field.getOptions());
    if (field.hasJsonName() && !field.getJsonName().equals(lowerCamel(field.getName()))) {
      options.add(0, "json_name = " + quoted(field.getJsonName()));
    }
    if (!options.isEmpty()) {
      out.append(" [").append(String.join(", ", options)).append(']');
    }
    out.append(";\n");
  }

  private void enumType(EnumDescriptorProto enumType, String indent) {
    out.append(indent).append("enum ").append(enumType.getName()).append(" {\n");
    String inner = indent + "  ";
    options(enumType.getOptions(), inner);
    for (EnumValueDescriptorProto value : enumType.getValueList()) {
      out.append(inner).append(value.getName()).append(" = ").append(value.getNumber());
      List<String> options = inlineOptions(value.getOptions());
      if (!options.isEmpty()) {
        out.append(" [").append(String.join(", ", options)).append(']');
      }
      out.append(";\n");
    }
    for (EnumDescriptorProto.EnumReservedRange range : enumType.getReservedRangeList()) {
      reserved(range.getStart(), range.getEnd(), range.getEnd() == Integer.MAX_VALUE, inner);
    }
    for (String name : enumType.getReservedNameList()) {
      out.append(inner).append("reserved ").append(quoted(name)).append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private void reserved(int first, int last, boolean toMax, String indent) {
    out.append(indent).append("reserved ").append(first);
    if (toMax) {
      out.append(" to max");
    } else if (last != first) {
      out.append(" to ").append(last);
    }
    out.append(";\n");
  }

  private void options(Message options, String indent) {
    for (Map.Entry<FieldDescriptor, Object> option : optionsOf(options).entrySet()) {
      if (!option.getKey().getName().equals("map_entry")) {
        out.append(indent).append("option ").append(option.getKey().getName()).append(" = ")
            .append(value(option.getValue())).append(";\n");
      }
    }
  }

  private static List<String> inlineOptions(Message options) {
    List<String> written = new ArrayList<>();
    optionsOf(options).forEach((field, value) -> written.add(field.getName() + " = "
        + value(value)));
    return written;
  }

  /** The options set, by field number. */
  private static Map<FieldDescriptor, Object> optionsOf(Message options) {
    if (!options.getUnknownFields().asMap().isEmpty()) {
      throw new IllegalArgumentException("custom options: " + options);
    }
    return new TreeMap<>(options.getAllFields());
  }

  private static String value(Object value) {
    if (value instanceof String string) {
      return quoted(string);
    }
    if (value instanceof EnumValueDescriptor enumValue) {
      return enumValue.getName();
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    throw new IllegalArgumentException("option value " + value);
  }

  private static String type(FieldDescriptorProto field) {
    return switch (field.getType()) {
      case TYPE_MESSAGE, TYPE_ENUM -> field.getTypeName();
      case TYPE_GROUP -> throw new IllegalArgumentException(field.getName() + " is a group");
      default -> field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
    };
  }

  private static String simpleName(String typeName) {
    return typeName.substring(typeName.lastIndexOf('.') + 1);
  }

  private static String lowerCamel(String name) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("a character to escape in " + text);
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
