package io.github.storageagent.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for the Grafana dashboard JSON (schema 39, Grafana 10/11) of the storage
 * dashboards. It only knows the handful of panel types the dashboards use, lays panels out left to
 * right in rows of 24 columns, numbers them, and points every query at the {@code ${datasource}}
 * variable.
 */
final class Grafana {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Runbook entries live in the README, at the same URLs as the rules' {@code runbook_url}. */
  static final String README = "https://github.com/storage-agent/storage-agent/blob/main/README.md";

  static final String DATASOURCE = "${datasource}";

  /** Time to full is capped at a year: "not filling" and "later than a year" read the same. */
  static final long YEAR_SECONDS = 365L * 24 * 3600;

  private Grafana() {}

  static ObjectNode datasourceRef() {
    ObjectNode ds = JSON.createObjectNode();
    ds.put("type", "prometheus");
    ds.put("uid", DATASOURCE);
    return ds;
  }

  /** The README anchor of an alert's runbook entry (GitHub lowercases heading anchors). */
  static String runbook(String alert) {
    return README + "#" + alert.toLowerCase(java.util.Locale.ROOT);
  }

  /** Threshold steps: a base colour, then (value, colour) pairs in ascending order. */
  static ArrayNode steps(String base, Object... valueColour) {
    ArrayNode steps = JSON.createArrayNode();
    ObjectNode first = steps.addObject();
    first.put("color", base);
    first.putNull("value");
    for (int i = 0; i < valueColour.length; i += 2) {
      ObjectNode s = steps.addObject();
      s.put("color", (String) valueColour[i + 1]);
      s.put("value", ((Number) valueColour[i]).doubleValue());
    }
    return steps;
  }

  /** Value-to-text mappings, e.g. {@code 1 -> ok (green)}, as (value, text, colour) triples. */
  static ArrayNode valueMap(Object... valueTextColour) {
    ArrayNode mappings = JSON.createArrayNode();
    ObjectNode m = mappings.addObject();
    m.put("type", "value");
    ObjectNode options = m.putObject("options");
    for (int i = 0; i < valueTextColour.length; i += 3) {
      ObjectNode o = options.putObject(String.valueOf(valueTextColour[i]));
      o.put("text", (String) valueTextColour[i + 1]);
      o.put("color", (String) valueTextColour[i + 2]);
      o.put("index", i / 3);
    }
    return mappings;
  }

  /** Shows durations of a year or more (the cap of the time-to-full queries) as text. */
  static ArrayNode yearOrMore() {
    ArrayNode mappings = JSON.createArrayNode();
    ObjectNode m = mappings.addObject();
    m.put("type", "range");
    ObjectNode options = m.putObject("options");
    options.put("from", (double) YEAR_SECONDS);
    options.put("to", 1e18);
    ObjectNode result = options.putObject("result");
    result.put("text", "> 1 year / not filling");
    result.put("color", "green");
    result.put("index", 0);
    return mappings;
  }

  /** One query of a panel. */
  record Target(String expr, String legend, boolean instant, String format) {}

  /** A table column: the query's value renamed, with its unit and optional look. */
  record Column(String name, String unit, ArrayNode thresholds, ArrayNode mappings, String cell) {}

  /** A dashboard under construction. */
  static final class Dashboard {
    private final String uid;
    private final String title;
    private final String description;
    private final List<ObjectNode> variables = new ArrayList<>();
    private final List<Object> items = new ArrayList<>();

    Dashboard(String uid, String title, String description) {
      this.uid = uid;
      this.title = title;
      this.description = description;
      ObjectNode ds = JSON.createObjectNode();
      ds.put("name", "datasource");
      ds.put("label", "Data source");
      ds.put("type", "datasource");
      ds.put("query", "prometheus");
      ds.putObject("current");
      ds.put("hide", 0);
      ds.put("includeAll", false);
      ds.put("multi", false);
      ds.putArray("options");
      ds.put("refresh", 1);
      ds.put("regex", "");
      ds.put("skipUrlSync", false);
      variables.add(ds);
    }

    /**
     * A query variable over {@code label_values(...)}. Multi-value variables default to All; with
     * {@code allValue} null Grafana sends the regex of every value.
     */
    Dashboard variable(
        String name, String label, String query, boolean multi, String allValue, String help) {
      ObjectNode v = JSON.createObjectNode();
      v.put("name", name);
      v.put("label", label);
      v.put("description", help);
      v.put("type", "query");
      v.set("datasource", datasourceRef());
      v.put("definition", query);
      ObjectNode q = v.putObject("query");
      q.put("query", query);
      q.put("refId", "StandardVariableQuery");
      v.put("refresh", 2);
      v.put("sort", 1);
      v.put("regex", "");
      v.put("hide", 0);
      v.put("multi", multi);
      v.put("includeAll", multi);
      if (allValue != null) {
        v.put("allValue", allValue);
      } else {
        v.putNull("allValue");
      }
      ObjectNode current = v.putObject("current");
      if (multi) {
        current.put("selected", true);
        current.putArray("text").add("All");
        current.putArray("value").add("$__all");
      }
      v.putArray("options");
      v.put("skipUrlSync", false);
      variables.add(v);
      return this;
    }

    Dashboard row(String rowTitle) {
      items.add(rowTitle);
      return this;
    }

    Dashboard add(Panel panel) {
      items.add(panel);
      return this;
    }

    ObjectNode toJson() {
      ObjectNode d = JSON.createObjectNode();
      ObjectNode annotation = d.putObject("annotations").putArray("list").addObject();
      annotation.put("builtIn", 1);
      annotation.putObject("datasource").put("type", "grafana").put("uid", "-- Grafana --");
      annotation.put("enable", true);
      annotation.put("hide", true);
      annotation.put("iconColor", "rgba(0, 211, 255, 1)");
      annotation.put("name", "Annotations & Alerts");
      annotation.put("type", "dashboard");
      d.put("description", description);
      d.put("editable", true);
      d.put("fiscalYearStartMonth", 0);
      d.put("graphTooltip", 1);
      ObjectNode link = d.putArray("links").addObject();
      link.put("title", "Storage dashboards");
      link.put("type", "dashboards");
      link.putArray("tags").add("storage-agent");
      link.put("asDropdown", true);
      link.put("includeVars", true);
      link.put("keepTime", true);
      ArrayNode panels = d.putArray("panels");
      layout(panels);
      d.put("refresh", "1m");
      d.put("schemaVersion", 39);
      d.putArray("tags").add("storage-agent").add("proxmox");
      ArrayNode list = d.putObject("templating").putArray("list");
      variables.forEach(list::add);
      d.putObject("time").put("from", "now-6h").put("to", "now");
      d.putObject("timepicker");
      d.put("timezone", "");
      d.put("title", title);
      d.put("uid", uid);
      d.put("version", 1);
      d.put("weekStart", "");
      return d;
    }

    private void layout(ArrayNode panels) {
      int id = 1;
      int x = 0;
      int y = 0;
      int lineHeight = 0;
      for (Object item : items) {
        if (item instanceof String rowTitle) {
          y += lineHeight;
          x = 0;
          lineHeight = 0;
          ObjectNode row = panels.addObject();
          row.put("collapsed", false);
          row.set("gridPos", gridPos(1, 24, 0, y));
          row.put("id", id++);
          row.putArray("panels");
          row.put("title", rowTitle);
          row.put("type", "row");
          y += 1;
          continue;
        }
        Panel p = (Panel) item;
        if (x + p.width > 24) {
          y += lineHeight;
          x = 0;
          lineHeight = 0;
        }
        panels.add(p.toJson(id++, gridPos(p.height, p.width, x, y)));
        x += p.width;
        lineHeight = Math.max(lineHeight, p.height);
      }
    }

    private static ObjectNode gridPos(int h, int w, int x, int y) {
      ObjectNode g = JSON.createObjectNode();
      g.put("h", h);
      g.put("w", w);
      g.put("x", x);
      g.put("y", y);
      return g;
    }
  }

  /** A panel under construction; {@link #toJson} fills in the layout and id. */
  static final class Panel {
    private final String type;
    private final String title;
    private String description = "";
    private int width = 12;
    private int height = 8;
    private String unit = "short";
    private ArrayNode thresholds = steps("green");
    private ArrayNode mappings = JSON.createArrayNode();
    private Double min;
    private Double max;
    private Integer decimals;
    private final List<Target> targets = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private String sortBy;
    private boolean sortDesc = true;
    private String thresholdsStyle = "off";
    private String yUnit = "s";
    private String textMode = "auto";
    private List<String> hiddenColumns = List.of();
    private final List<Column> styles = new ArrayList<>();

    private Panel(String type, String title) {
      this.type = type;
      this.title = title;
    }

    static Panel stat(String title) {
      return new Panel("stat", title).size(4, 4);
    }

    static Panel timeseries(String title) {
      return new Panel("timeseries", title);
    }

    static Panel table(String title) {
      return new Panel("table", title).unit("none");
    }

    static Panel barGauge(String title) {
      return new Panel("bargauge", title);
    }

    static Panel heatmap(String title) {
      return new Panel("heatmap", title);
    }

    Panel description(String text) {
      this.description = text;
      return this;
    }

    Panel size(int w, int h) {
      this.width = w;
      this.height = h;
      return this;
    }

    Panel unit(String u) {
      this.unit = u;
      return this;
    }

    Panel thresholds(ArrayNode steps) {
      this.thresholds = steps;
      return this;
    }

    /** Draws the thresholds into a time series graph as dashed lines. */
    Panel thresholdLines() {
      this.thresholdsStyle = "dashed";
      return this;
    }

    Panel mappings(ArrayNode m) {
      this.mappings = m;
      return this;
    }

    Panel range(double minimum, double maximum) {
      this.min = minimum;
      this.max = maximum;
      return this;
    }

    Panel min(double minimum) {
      this.min = minimum;
      return this;
    }

    Panel decimals(int d) {
      this.decimals = d;
      return this;
    }

    /** For heatmaps: the unit of the buckets' upper bounds. */
    Panel yUnit(String u) {
      this.yUnit = u;
      return this;
    }

    /** For stats: show the series name (legend) instead of the value. */
    Panel showName() {
      this.textMode = "name";
      return this;
    }

    /** A time series query. */
    Panel query(String expr, String legend) {
      targets.add(new Target(expr, legend, false, "time_series"));
      return this;
    }

    /** An instant query (bar gauges, stats that must keep PromQL's sort order). */
    Panel instant(String expr, String legend) {
      targets.add(new Target(expr, legend, true, "time_series"));
      return this;
    }

    /** A heatmap query over histogram buckets. */
    Panel buckets(String expr) {
      targets.add(new Target(expr, "{{le}}", false, "heatmap"));
      return this;
    }

    /**
     * A table column from an instant query. All columns of a table must return the same label set:
     * the rows are merged on the labels.
     */
    /** Applies a shared piece of configuration, keeping the builder chain readable. */
    Panel with(java.util.function.UnaryOperator<Panel> part) {
      return part.apply(this);
    }

    Panel column(String name, String expr, String columnUnit) {
      return column(name, expr, columnUnit, null, null, null);
    }

    Panel column(
        String name,
        String expr,
        String columnUnit,
        ArrayNode columnThresholds,
        ArrayNode columnMappings,
        String cell) {
      targets.add(new Target(expr, "", true, "table"));
      columns.add(new Column(name, columnUnit, columnThresholds, columnMappings, cell));
      return this;
    }

    /** Styles a label column of a table, e.g. colours for {@code alertstate}. */
    Panel style(String field, ArrayNode fieldMappings, String cell) {
      styles.add(new Column(field, "none", null, fieldMappings, cell));
      return this;
    }

    /** Label columns to hide in a table (besides Time and job). */
    Panel hide(String... labels) {
      this.hiddenColumns = List.of(labels);
      return this;
    }

    Panel sortBy(String column, boolean descending) {
      this.sortBy = column;
      this.sortDesc = descending;
      return this;
    }

    /** Links the panel to the runbook entry of each alert that watches what it shows. */
    Panel runbooks(String... alerts) {
      for (String a : alerts) {
        links.put("Runbook: " + a, runbook(a));
      }
      return this;
    }

    Panel link(String linkTitle, String url) {
      links.put(linkTitle, url);
      return this;
    }

    ObjectNode toJson(int id, ObjectNode gridPos) {
      ObjectNode p = JSON.createObjectNode();
      p.set("datasource", datasourceRef());
      p.put("description", description);
      ObjectNode fieldConfig = p.putObject("fieldConfig");
      ObjectNode defaults = fieldConfig.putObject("defaults");
      defaults.putObject("color").put("mode", colorMode());
      defaults.set("custom", custom());
      if (decimals != null) {
        defaults.put("decimals", decimals);
      }
      defaults.set("mappings", mappings);
      if (max != null) {
        defaults.put("max", max);
      }
      if (min != null) {
        defaults.put("min", min);
      }
      ObjectNode th = defaults.putObject("thresholds");
      th.put("mode", "absolute");
      th.set("steps", thresholds);
      defaults.put("unit", unit);
      fieldConfig.set("overrides", overrides());
      p.set("gridPos", gridPos);
      p.put("id", id);
      ArrayNode linkArray = p.putArray("links");
      links.forEach(
          (t, url) -> {
            ObjectNode l = linkArray.addObject();
            l.put("targetBlank", true);
            l.put("title", t);
            l.put("url", url);
          });
      p.set("options", options());
      ArrayNode targetArray = p.putArray("targets");
      char refId = 'A';
      for (Target t : targets) {
        ObjectNode q = targetArray.addObject();
        q.set("datasource", datasourceRef());
        q.put("editorMode", "code");
        q.put("expr", t.expr());
        q.put("format", t.format());
        q.put("instant", t.instant());
        q.put("legendFormat", t.legend().isEmpty() ? "__auto" : t.legend());
        q.put("range", !t.instant());
        q.put("refId", String.valueOf(refId++));
      }
      p.put("title", title);
      if (type.equals("table")) {
        p.set("transformations", tableTransformations());
      }
      p.put("type", type);
      return p;
    }

    private String colorMode() {
      return switch (type) {
        case "timeseries" -> "palette-classic";
        case "heatmap" -> "continuous-BlPu";
        default -> "thresholds";
      };
    }

    private ObjectNode custom() {
      ObjectNode c = JSON.createObjectNode();
      switch (type) {
        case "timeseries" -> {
          c.put("axisPlacement", "auto");
          c.put("drawStyle", "line");
          c.put("fillOpacity", 10);
          c.put("lineWidth", 1);
          c.put("pointSize", 4);
          c.put("showPoints", "never");
          c.put("spanNulls", false);
          c.putObject("thresholdsStyle").put("mode", thresholdsStyle);
        }
        case "table" -> {
          c.put("align", "auto");
          c.putObject("cellOptions").put("type", "auto");
          c.put("filterable", true);
          c.put("inspect", false);
        }
        case "heatmap" -> {
          c.putObject("hideFrom").put("legend", false).put("tooltip", false).put("viz", false);
          c.putObject("scaleDistribution").put("type", "linear");
        }
        default -> {
          // stat and bar gauge have no custom field options worth setting
        }
      }
      return c;
    }

    private ArrayNode overrides() {
      ArrayNode o = JSON.createArrayNode();
      List<Column> all = new ArrayList<>(columns);
      all.addAll(styles);
      for (Column c : all) {
        ObjectNode override = o.addObject();
        ObjectNode matcher = override.putObject("matcher");
        matcher.put("id", "byName");
        matcher.put("options", c.name());
        ArrayNode props = override.putArray("properties");
        props.addObject().put("id", "unit").put("value", c.unit());
        if (c.thresholds() != null) {
          ObjectNode prop = props.addObject();
          prop.put("id", "thresholds");
          ObjectNode v = prop.putObject("value");
          v.put("mode", "absolute");
          v.set("steps", c.thresholds());
        }
        if (c.mappings() != null) {
          props.addObject().put("id", "mappings").set("value", c.mappings());
        }
        if (c.cell() != null) {
          ObjectNode prop = props.addObject();
          prop.put("id", "custom.cellOptions");
          ObjectNode v = prop.putObject("value");
          v.put("type", c.cell());
          if (c.cell().equals("gauge")) {
            v.put("mode", "basic");
          }
        }
      }
      return o;
    }

    private ArrayNode tableTransformations() {
      ArrayNode t = JSON.createArrayNode();
      t.addObject().put("id", "merge").putObject("options");
      ObjectNode organize = t.addObject();
      organize.put("id", "organize");
      ObjectNode opts = organize.putObject("options");
      ObjectNode exclude = opts.putObject("excludeByName");
      exclude.put("Time", true);
      exclude.put("job", true);
      hiddenColumns.forEach(h -> exclude.put(h, true));
      opts.putObject("indexByName");
      ObjectNode rename = opts.putObject("renameByName");
      char refId = 'A';
      for (Column c : columns) {
        rename.put(columns.size() == 1 ? "Value" : "Value #" + refId, c.name());
        refId++;
      }
      return t;
    }

    private ObjectNode options() {
      ObjectNode o = JSON.createObjectNode();
      switch (type) {
        case "timeseries" -> {
          ObjectNode legend = o.putObject("legend");
          legend.putArray("calcs").add("lastNotNull").add("max");
          legend.put("displayMode", "table");
          legend.put("placement", "bottom");
          legend.put("showLegend", true);
          o.putObject("tooltip").put("mode", "multi").put("sort", "desc");
        }
        case "stat" -> {
          o.put("colorMode", "background");
          o.put("graphMode", "none");
          o.put("justifyMode", "auto");
          o.put("orientation", "auto");
          reduce(o);
          o.put("textMode", textMode);
        }
        case "bargauge" -> {
          o.put("displayMode", "gradient");
          o.put("minVizHeight", 10);
          o.put("minVizWidth", 0);
          o.put("orientation", "horizontal");
          reduce(o);
          o.put("showUnfilled", true);
          o.put("valueMode", "color");
        }
        case "table" -> {
          o.put("cellHeight", "sm");
          ObjectNode footer = o.putObject("footer");
          footer.put("countRows", false);
          footer.putArray("fields");
          footer.putArray("reducer").add("sum");
          footer.put("show", false);
          o.put("showHeader", true);
          ArrayNode sort = o.putArray("sortBy");
          if (sortBy != null) {
            sort.addObject().put("desc", sortDesc).put("displayName", sortBy);
          }
        }
        case "heatmap" -> {
          o.put("calculate", false);
          o.put("cellGap", 1);
          ObjectNode color = o.putObject("color");
          color.put("exponent", 0.5);
          color.put("fill", "dark-orange");
          color.put("mode", "scheme");
          color.put("reverse", false);
          color.put("scale", "exponential");
          color.put("scheme", "Oranges");
          color.put("steps", 64);
          o.putObject("exemplars").put("color", "rgba(255,0,255,0.7)");
          o.putObject("filterValues").put("le", 1e-9);
          o.putObject("legend").put("show", true);
          o.putObject("rowsFrame").put("layout", "auto");
          o.put("showValue", "never");
          o.putObject("tooltip").put("mode", "single").put("yHistogram", false);
          ObjectNode yAxis = o.putObject("yAxis");
          yAxis.put("axisPlacement", "left");
          yAxis.put("reverse", false);
          yAxis.put("unit", yUnit);
        }
        default -> throw new IllegalStateException("unknown panel type " + type);
      }
      return o;
    }

    private static void reduce(ObjectNode o) {
      ObjectNode r = o.putObject("reduceOptions");
      r.putArray("calcs").add("lastNotNull");
      r.put("fields", "");
      r.put("values", false);
    }
  }

  /** Pretty JSON with a trailing newline, as committed under dashboards/. */
  static String render(JsonNode dashboard) throws Exception {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard).replace("\r\n", "\n")
        + "\n";
  }
}
