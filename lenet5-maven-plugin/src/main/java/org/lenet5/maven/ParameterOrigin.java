package org.lenet5.maven;

import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Where a parameter's value came from, so that a message names it the way the user set it: as
 * {@code <minAccuracy>} in the POM's plugin configuration, or as the {@code lenet5.minAccuracy}
 * property (on the command line or in the POM's {@code <properties>}).
 *
 * <p>Maven hands a goal its configuration with every parameter filled in: one the POM did not set
 * reads {@code ${lenet5.minAccuracy}}, the property expression of its annotation. Anything else
 * the POM set, and then a {@code -D} property of the same name is ignored: in Maven a
 * {@code <configuration>} value wins over a property.
 */
final class ParameterOrigin {

  private final MojoExecution execution;
  private final MavenSession session;

  ParameterOrigin(MojoExecution execution, MavenSession session) {
    this.execution = execution;
    this.session = session;
  }

  /**
   * Whether the user set the parameter at all: in the POM's configuration or properties, or as a
   * {@code -D} property.
   */
  boolean isSet(String parameter, String property) {
    return inPom(parameter, property) || propertyValue(property).isPresent();
  }

  /** A property's value: on the command line, else in the POM's properties. */
  private Optional<String> propertyValue(String property) {
    if (session == null) {
      return Optional.empty();
    }
    String value = session.getUserProperties().getProperty(property);
    if (value == null && session.getCurrentProject() != null) {
      value = session.getCurrentProject().getProperties().getProperty(property);
    }
    return Optional.ofNullable(value);
  }

  /** Whether the POM's {@code <configuration>} sets {@code parameter}. */
  boolean inPom(String parameter, String property) {
    Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
    Xpp3Dom child = configuration == null ? null : configuration.getChild(parameter);
    if (child == null || child.getValue() == null) {
      return false;
    }
    return !child.getValue().trim().equals("${" + property + "}");
  }

  /**
   * How to name the parameter in a message: {@code <minAccuracy>} when the POM sets it, else
   * {@code lenet5.minAccuracy}.
   */
  String name(String parameter, String property) {
    return inPom(parameter, property) ? "<" + parameter + ">" : property;
  }

  /**
   * How the user set the parameter, for a message about its value: {@code <variant>} in the
   * POM's configuration, {@code -Dlenet5.variant} on the command line, else the property {@code
   * lenet5.variant} (in the POM's properties, or unset).
   */
  String asSet(String parameter, String property) {
    if (inPom(parameter, property)) {
      return "<" + parameter + ">";
    }
    boolean commandLine =
        session != null && session.getUserProperties().getProperty(property) != null;
    return commandLine ? "-D" + property : property;
  }

  /**
   * The parameter's value as the user wrote it, before Maven converted it to the parameter's
   * type: the POM's (with its expressions evaluated), else the property's.
   */
  Optional<String> text(String parameter, String property) {
    if (inPom(parameter, property)) {
      String value = execution.getConfiguration().getChild(parameter).getValue().trim();
      try {
        Object evaluated =
            new PluginParameterExpressionEvaluator(session, execution).evaluate(value);
        return Optional.ofNullable(evaluated).map(Object::toString);
      } catch (ExpressionEvaluationException e) {
        return Optional.of(value);
      }
    }
    return propertyValue(property);
  }

  /**
   * The parameter's name, with a note when a {@code -D} property tried to override a value the
   * POM sets, e.g. {@code <minAccuracy>; -Dlenet5.minAccuracy=90 does not override a
   * <configuration> value ...}.
   */
  String describe(String parameter, String property) {
    if (!inPom(parameter, property)) {
      return property;
    }
    String commandLine = session == null ? null : session.getUserProperties().getProperty(property);
    if (commandLine == null) {
      return "<" + parameter + ">";
    }
    return "<" + parameter + ">; -D" + property + "=" + commandLine + " does not override a"
        + " <configuration> value in Maven: change <" + parameter + "> in the POM, or set it there"
        + " as <properties><" + property + ">..." + "</" + property + "></properties> to make it"
        + " overridable";
  }
}
