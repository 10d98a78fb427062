package org.lenet5;

import java.util.function.UnaryOperator;

/**
 * A problem the user fixes by changing one setting (the data directory, the cache directory, the
 * device). The message is a template holding {@value #SETTING} where the setting is named, so that
 * each front end names it in its own terms ({@code --data-dir}, {@code <dataDir>}); {@link
 * #getMessage()} names the library's builder method, {@code RunSettings.Builder.dataDir(…)}.
 */
public class SettingException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  /** Where a message template names the setting. */
  public static final String SETTING = "{setting}";

  private final String setting;
  private final String template;

  /**
   * @param setting the builder method's name, e.g. {@code dataDir}
   * @param template the one-line message, naming the setting as {@value #SETTING}
   */
  public SettingException(String setting, String template) {
    this(setting, template, "RunSettings.Builder." + setting + "(…)");
  }

  /**
   * @param setting the library's name of the setting, e.g. {@code skipUnreadable}
   * @param template the one-line message, naming the setting as {@value #SETTING}
   * @param libraryName how the message names it for library users, e.g. {@code
   *     Recipe.Builder.skipUnreadable(true)}
   */
  public SettingException(String setting, String template, String libraryName) {
    super(template.replace(SETTING, libraryName));
    this.setting = setting;
    this.template = template;
  }

  /** The setting to change, as {@code RunSettings.Builder} names it, e.g. {@code dataDir}. */
  public String setting() {
    return setting;
  }

  /** The message with the setting named by {@code spelling}, e.g. {@code batchSize -> --batch-size}. */
  public String message(UnaryOperator<String> spelling) {
    return template.replace(SETTING, spelling.apply(setting));
  }
}
