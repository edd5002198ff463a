using System.Globalization;
using System.Net;
using System.Text;

namespace ActorCity.Simulation.Reports;

/// <summary>report.html: one self-contained page, charts drawn here as inline SVG, no scripts or external assets.</summary>
public static class HtmlReport
{
    private const string ColorA = "#1f6feb";
    private const string ColorB = "#d1242f";

    public static string Render(SimulationReport report)
    {
        var s = report.Scenario;
        var r = report.Results;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"ActorCity what-if: {s.Name}"))
            .Append("</title><style>")
            .Append("body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC',sans-serif;margin:24px;color:#1f2328;max-width:1100px}")
            .Append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;font-size:13px}")
            .Append("td,th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left}th{background:#f6f8fa}.num{text-align:right}")
            .Append(".kpi{display:inline-block;margin:6px 18px 6px 0;padding:10px 14px;border:1px solid #d0d7de;border-radius:6px}")
            .Append(".kpi b{display:block;font-size:22px}.muted{color:#59636e;font-size:12px}.bar{background:#d1242f;height:10px;display:inline-block}")
            .Append("</style></head><body>\n");
        html.Append("<h1>").Append(E($"{s.Name} — {s.City}")).Append("</h1>\n<p class=\"muted\">")
            .Append(E($"Inspection {s.InspectionDate}, {s.DaysToInspection} days after the campaign start {s.CampaignStart}. "
                + $"{report.Replications} replications, seed {report.Seed}, engine {s.Engine}; {report.Workflows.PerReplication.Mean:N0} workflows per replication. "
                + (s.Overrides.Count > 0 ? "Overrides: " + string.Join(" ", s.Overrides) + "." : "")))
            .Append("</p>\n");

        Kpi(html, "Projected score", $"{r.Score.Mean:0.0}", $"95 % CI {r.Score.Low:0.0} – {r.Score.High:0.0} of {s.FullScore:0}");
        Kpi(html, "Probability of passing", $"{r.PassProbability.Mean:P0}", $"threshold {s.PassThreshold:0}; CI {r.PassProbability.Low:P0} – {r.PassProbability.High:P0}");
        Kpi(html, "On-time closed rate", $"{r.OnTimeClosedRate.Mean:P1}", $"CI {r.OnTimeClosedRate.Low:P1} – {r.OnTimeClosedRate.High:P1}");
        Kpi(html, "Backlog on inspection day", $"{r.BacklogAtInspection.Mean:N0}", $"{r.OverdueAtInspection.Mean:N0} overdue");
        Kpi(html, "Escalations", $"{r.Escalations.Supervision.Mean:N0} 督办", $"{r.Escalations.Reminder.Mean:N0} 催办 · {r.Escalations.PublicNotice.Mean:N0} 通报 · {r.Escalations.Accountability.Mean:N0} 问责");

        if (report.Comparison is { } c)
        {
            html.Append("<h2>Comparison (B − A on the same seeds)</h2>\n<p class=\"muted\">")
                .Append(E($"A = {s.Name} {string.Join(" ", s.Overrides)}; B = {c.Scenario.Name} {string.Join(" ", c.Scenario.Overrides)}"))
                .Append("</p><table><tr><th>Metric</th><th class=num>A</th><th class=num>B</th><th class=num>B − A</th><th>95 % CI</th><th>Beyond noise?</th></tr>\n");
            foreach (var d in c.Differences)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(d.Metric)}</td><td class=num>{d.A:0.###}</td><td class=num>{d.B:0.###}</td><td class=num>{d.Difference.Mean:+0.###;-0.###;0}</td><td>{d.Difference.Low:0.###} – {d.Difference.High:0.###}</td><td>{(d.Significant ? "<b>yes</b>" : "no")}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Open tasks per day, with the 95 % confidence band, against the inspection date</h2>\n");
        html.Append(OpenTasksChart(report));
        html.Append("<h2>Backlog by department on inspection day</h2>\n");
        html.Append(BacklogChart(r));
        html.Append("<h2>Distribution of inspection scores over replications</h2>\n");
        html.Append(ScoreHistogram(report));
        html.Append("<h2>Grid risk table</h2>\n");
        GridTable(html, r);
        html.Append("<h2>Departments</h2>\n<table><tr><th>#</th><th>Department</th><th class=num>Crews</th><th class=num>Backlog</th><th class=num>Overdue</th><th class=num>On-time closed</th><th class=num>Busy</th><th class=num>Points at risk</th><th>Why</th></tr>\n");
        foreach (var d in r.Departments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{d.Rank}</td><td>{E(d.Name)} <span class=muted>{E(d.FullName)}</span></td><td class=num>{d.Crews}</td><td class=num>{d.Backlog.Mean:0.#}</td><td class=num>{d.Overdue:0.#}</td><td class=num>{d.OnTimeClosedRate.Mean:P1}</td><td class=num>{d.Utilization:P0}</td><td class=num>{d.ExpectedDeduction:0.0}</td><td>{E(d.Why)}</td></tr>\n");
        }

        html.Append("</table>\n<p class=\"muted\">")
            .Append(E($"{report.Timing.Events:N0} events ({report.Timing.Messages:N0} messages, {report.Timing.TimerFirings:N0} timer firings) in {report.Timing.WallSeconds:0.00} s ({report.Timing.EventsPerSecond:N0} events/s)."))
            .Append("</p>\n</body></html>\n");
        return html.ToString();
    }

    private static void Kpi(StringBuilder html, string label, string value, string note)
        => html.Append("<div class=\"kpi\"><span class=muted>").Append(E(label)).Append("</span><b>").Append(E(value)).Append("</b><span class=muted>").Append(E(note)).Append("</span></div>\n");

    private static void GridTable(StringBuilder html, VariantResults r)
    {
        var max = Math.Max(1e-9, r.Grids.Count == 0 ? 1 : r.Grids.Max(g => g.ExpectedDeduction.Mean));
        html.Append("<table><tr><th>#</th><th>Grid</th><th>Chief / leader</th><th class=num>Open</th><th class=num>Overdue</th><th class=num>督办+</th><th>Points at risk</th><th>Why</th></tr>\n");
        foreach (var g in r.Grids)
        {
            var width = (int)Math.Round(120 * g.ExpectedDeduction.Mean / max);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{g.Rank}</td><td>{E(g.Name)}</td><td>{E(g.Chief)} / {E(g.ResponsibleLeader)}</td><td class=num>{g.Open:0.#}</td><td class=num>{g.Overdue:0.#}</td><td class=num>{g.SupervisedOrAbove:0.#}</td><td><span class=bar style=\"width:{width}px\"></span> {g.ExpectedDeduction.Mean:0.0}</td><td>{E(g.Why)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string OpenTasksChart(SimulationReport report)
    {
        const int w = 900, h = 320, left = 60, right = 20, top = 20, bottom = 40;
        var series = new List<(IReadOnlyList<DayPoint> Points, string Color, string Label, int Days)>
        {
            (report.Results.OpenTasksByDay, ColorA, "A: " + report.Scenario.Name, report.Scenario.DaysToInspection),
        };
        if (report.Comparison is { } c)
        {
            series.Add((c.Results.OpenTasksByDay, ColorB, "B: " + c.Scenario.Name, c.Scenario.DaysToInspection));
        }

        var maxDay = Math.Max(1, series.Max(x => x.Points.Count - 1));
        var maxY = Math.Max(1, series.Max(x => x.Points.Max(p => p.High)));
        maxY = NiceCeiling(maxY);
        double X(double day) => left + (day * (w - left - right) / maxDay);
        double Y(double value) => top + ((h - top - bottom) * (1 - (value / maxY)));
        var svg = Svg(w, h);
        Axes(svg, w, h, left, right, top, bottom, maxY, Y);
        for (var d = 0; d <= maxDay; d += Math.Max(1, maxDay / 10))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(d):0.#}\" y=\"{h - bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">day {d}</text>");
        }

        foreach (var (points, color, label, days) in series)
        {
            var band = new StringBuilder();
            foreach (var p in points)
            {
                band.Append(CultureInfo.InvariantCulture, $"{X(p.Day):0.#},{Y(p.High):0.#} ");
            }

            foreach (var p in points.Reverse())
            {
                band.Append(CultureInfo.InvariantCulture, $"{X(p.Day):0.#},{Y(p.Low):0.#} ");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{band}\" fill=\"{color}\" fill-opacity=\"0.18\" stroke=\"none\"/>");
            svg.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").Append(color).Append("\" points=\"");
            foreach (var p in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"{X(p.Day):0.#},{Y(p.Mean):0.#} ");
            }

            svg.Append("\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(days):0.#}\" x2=\"{X(days):0.#}\" y1=\"{top}\" y2=\"{h - bottom}\" stroke=\"{color}\" stroke-dasharray=\"5,4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(days) - 4:0.#}\" y=\"{top + 12}\" font-size=\"11\" text-anchor=\"end\" fill=\"{color}\">inspection ({E(label)})</text>");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string BacklogChart(VariantResults r)
    {
        var rows = r.Departments.OrderByDescending(d => d.Backlog.Mean).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        const int w = 900, left = 140, right = 60, barHeight = 18, gap = 6, top = 10;
        var h = top + (rows.Count * (barHeight + gap)) + 10;
        var maxX = NiceCeiling(Math.Max(1, rows.Count == 0 ? 1 : rows.Max(d => d.Backlog.High)));
        double X(double value) => left + (value * (w - left - right) / maxX);
        var svg = Svg(w, h);
        for (var i = 0; i < rows.Count; i++)
        {
            var d = rows[i];
            var y = top + (i * (barHeight + gap));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 13}\" font-size=\"12\" text-anchor=\"end\">{E(d.Name)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"{X(d.Backlog.Mean) - left:0.#}\" height=\"{barHeight}\" fill=\"{ColorA}\" fill-opacity=\"0.75\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(d.Backlog.Low):0.#}\" x2=\"{X(d.Backlog.High):0.#}\" y1=\"{y + (barHeight / 2)}\" y2=\"{y + (barHeight / 2)}\" stroke=\"#1f2328\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(d.Backlog.High) + 6:0.#}\" y=\"{y + 13}\" font-size=\"11\">{d.Backlog.Mean:0.#} ({d.Crews} crews)</text>");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string ScoreHistogram(SimulationReport report)
    {
        const int w = 900, h = 260, left = 60, right = 20, top = 20, bottom = 40;
        var threshold = report.Scenario.PassThreshold;
        var all = report.Results.PerReplication.Select(p => p.Score).ToList();
        var other = report.Comparison?.Results.PerReplication.Select(p => p.Score).ToList() ?? [];
        var min = Math.Floor(Math.Min(threshold, all.Concat(other).Min()) / 5) * 5 - 5;
        var max = Math.Ceiling(Math.Max(threshold, all.Concat(other).Max()) / 5) * 5 + 5;
        const int bins = 30;
        var width = (max - min) / bins;
        int[] Count(List<double> xs)
        {
            var counts = new int[bins];
            foreach (var x in xs)
            {
                counts[Math.Clamp((int)((x - min) / width), 0, bins - 1)]++;
            }

            return counts;
        }

        var a = Count(all);
        var b = Count(other);
        var maxY = NiceCeiling(Math.Max(4, Math.Max(a.Max(), b.Length == 0 ? 0 : b.Max())));
        double X(double score) => left + ((score - min) * (w - left - right) / (max - min));
        double Y(double value) => top + ((h - top - bottom) * (1 - (value / maxY)));
        var svg = Svg(w, h);
        Axes(svg, w, h, left, right, top, bottom, maxY, Y);
        void Bars(int[] counts, string color, double offset)
        {
            for (var i = 0; i < bins; i++)
            {
                if (counts[i] == 0)
                {
                    continue;
                }

                var x0 = X(min + (i * width)) + offset;
                var bw = ((X(min + width) - X(min)) / (other.Count > 0 ? 2 : 1)) - 1;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0:0.#}\" y=\"{Y(counts[i]):0.#}\" width=\"{bw:0.#}\" height=\"{Y(0) - Y(counts[i]):0.#}\" fill=\"{color}\" fill-opacity=\"0.75\"/>");
            }
        }

        Bars(a, ColorA, 0);
        if (other.Count > 0)
        {
            Bars(b, ColorB, (X(min + width) - X(min)) / 2);
        }

        for (var i = 0; i <= bins; i += 5)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(min + (i * width)):0.#}\" y=\"{h - bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{min + (i * width):0}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(threshold):0.#}\" x2=\"{X(threshold):0.#}\" y1=\"{top}\" y2=\"{h - bottom}\" stroke=\"#1a7f37\" stroke-width=\"2\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(threshold) + 4:0.#}\" y=\"{top + 12}\" font-size=\"11\" fill=\"#1a7f37\">pass threshold {threshold:0}</text>");
        return svg.Append("</svg>\n").ToString();
    }

    private static StringBuilder Svg(int w, int h)
        => new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\">");

    private static void Axes(StringBuilder svg, int w, int h, int left, int right, int top, int bottom, double maxY, Func<double, double> y)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{w - right}\" y1=\"{h - bottom}\" y2=\"{h - bottom}\" stroke=\"#59636e\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{h - bottom}\" stroke=\"#59636e\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var v = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{w - right}\" y1=\"{y(v):0.#}\" y2=\"{y(v):0.#}\" stroke=\"#d0d7de\" stroke-width=\"0.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y(v) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{v:0.##}</text>");
        }
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
