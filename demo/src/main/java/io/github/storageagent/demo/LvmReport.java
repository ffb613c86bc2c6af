package io.github.storageagent.demo;

import java.util.List;

/** The JSON report lvs and vgs print with {@code --reportformat json}, for stand-in programs. */
public final class LvmReport {

  private LvmReport() {}

  /**
   * The layout of lvm 2.03.26+ with its command log, as Proxmox VE 9 prints it.
   *
   * @param kind {@code lv} or {@code vg}
   * @param rows one JSON object per volume, already rendered
   */
  public static String render(String kind, List<String> rows) {
    StringBuilder sb = new StringBuilder(rows.size() * 260 + 1024);
    sb.append("  {\n      \"report\": [\n          {\n              \"")
        .append(kind)
        .append("\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      sb.append("                  ").append(rows.get(i));
      sb.append(i + 1 < rows.size() ? ",\n" : "\n");
    }
    sb.append("              ]\n          }\n      ]\n      ,\n      \"log\": [\n")
        .append(
            "          {\"log_seq_num\":\"1\", \"log_type\":\"status\", \"log_context\":\"shell\","
                + " \"log_object_type\":\"cmd\", \"log_object_name\":\"\", \"log_object_id\":\"\","
                + " \"log_object_group\":\"\", \"log_object_group_id\":\"\", \"log_message\":"
                + "\"success\", \"log_errno\":\"0\", \"log_ret_code\":\"1\"}\n")
        .append("      ]\n  }\n");
    return sb.toString();
  }
}
