using System.Globalization;
using ActorCity.Simulation.Statistics;
using Spectre.Console;

namespace ActorCity.Simulation.Reports;

/// <summary>The report a headquarters officer reads in the terminal.</summary>
public static class TerminalReport
{
    public static void Write(IAnsiConsole console, SimulationReport report, int top = 5)
    {
        var s = report.Scenario;
        var r = report.Results;
        console.Write(new Rule($"[bold]{Markup.Escape(s.Name)}[/] — {Markup.Escape(s.City)}: inspection {s.InspectionDate} ({s.DaysToInspection} days after {s.CampaignStart})").LeftJustified());
        console.MarkupLine(
            $"[grey]{report.Replications} replications, seed {report.Seed}, engine {s.Engine}, {s.Grids} grids, {s.Departments} departments, {s.Checkpoints} checkpoints; "
            + $"{report.Workflows.PerReplication.Mean:N0} workflows per replication{(s.Overrides.Count > 0 ? "; overrides: " + Markup.Escape(string.Join(" ", s.Overrides)) : "")}[/]");

        if (report.Comparison is { } comparison)
        {
            WriteComparison(console, report, comparison);
        }
        else
        {
            WriteHeadline(console, r, s.PassThreshold, s.FullScore);
        }

        WriteRisks(console, r, top);
        console.MarkupLine(
            $"[grey]{report.Timing.Events:N0} events ({report.Timing.Messages:N0} messages, {report.Timing.TimerFirings:N0} timer firings) in {report.Timing.WallSeconds:0.00} s ({report.Timing.EventsPerSecond:N0} events/s, --parallel {report.Timing.Parallel})[/]");
    }

    private static void WriteHeadline(IAnsiConsole console, VariantResults r, double threshold, double fullScore)
    {
        var verdict = r.PassProbability.Mean >= 0.9 ? "[green]likely to pass[/]" : r.PassProbability.Mean >= 0.5 ? "[yellow]at risk[/]" : "[red]likely to fail[/]";
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Indicator").AddColumn(new TableColumn("Mean").RightAligned()).AddColumn("95 % CI");
        table.AddRow("Projected inspection score", $"[bold]{r.Score.Mean:0.0}[/] / {fullScore:0}", Ci(r.Score, "0.0"));
        table.AddRow($"Probability of passing (≥ {threshold:0})", $"[bold]{r.PassProbability.Mean:P0}[/] {verdict}", Ci(r.PassProbability, "P0"));
        table.AddRow("On-time closed rate (按期结案率)", $"{r.OnTimeClosedRate.Mean:P1}", Ci(r.OnTimeClosedRate, "P1"));
        table.AddRow("Backlog on inspection day", $"{r.BacklogAtInspection.Mean:N0}", Ci(r.BacklogAtInspection, "N0"));
        table.AddRow("  of which overdue", $"{r.OverdueAtInspection.Mean:N0}", Ci(r.OverdueAtInspection, "N0"));
        table.AddRow("Problems found by the inspectors", $"{r.ProblemsFound.Mean:N1}", Ci(r.ProblemsFound, "N1"));
        table.AddRow("Escalations: reminder (催办)", $"{r.Escalations.Reminder.Mean:N0}", Ci(r.Escalations.Reminder, "N0"));
        table.AddRow("Escalations: supervision (督办)", $"{r.Escalations.Supervision.Mean:N0}", Ci(r.Escalations.Supervision, "N0"));
        table.AddRow("Escalations: public notice (通报)", $"{r.Escalations.PublicNotice.Mean:N0}", Ci(r.Escalations.PublicNotice, "N0"));
        table.AddRow("Escalations: accountability (问责)", $"{r.Escalations.Accountability.Mean:N0}", Ci(r.Escalations.Accountability, "N0"));
        table.AddRow("Reworks (返工) / recurrences (反弹)", $"{r.Reworks.Mean:N0} / {r.Recurrences.Mean:N0}", "");
        console.Write(table);
    }

    private static void WriteComparison(IAnsiConsole console, SimulationReport report, Comparison comparison)
    {
        var a = Markup.Escape(report.Scenario.Name);
        var b = Markup.Escape(comparison.Scenario.Name + (comparison.Scenario.Overrides.Count > 0 ? " " + string.Join(" ", comparison.Scenario.Overrides) : ""));
        console.MarkupLine($"Comparing [bold]A[/] = {a} with [bold]B[/] = {b} on the same {report.Replications} seeds (paired differences, 95 % CI).");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Metric").AddColumn(new TableColumn("A").RightAligned())
            .AddColumn(new TableColumn("B").RightAligned()).AddColumn(new TableColumn("B − A").RightAligned()).AddColumn("95 % CI").AddColumn("Real?");
        foreach (var d in comparison.Differences)
        {
            var format = d.Metric is "passProbability" or "onTimeClosedRate" ? "P1" : d.Metric == "score" ? "0.0" : "N1";
            table.AddRow(Label(d.Metric), d.A.ToString(format, CultureInfo.InvariantCulture), d.B.ToString(format, CultureInfo.InvariantCulture),
                Signed(d.Difference.Mean, format), Ci(d.Difference, format), d.Significant ? "[bold green]yes[/]" : "[grey]no[/]");
        }

        console.Write(table);
    }

    private static void WriteRisks(IAnsiConsole console, VariantResults r, int top)
    {
        var grids = new Table().Border(TableBorder.Simple).Title("[bold]Riskiest grids[/] (expected points lost on inspection day)")
            .AddColumn("#").AddColumn("Grid").AddColumn("Chief / leader").AddColumn(new TableColumn("Points").RightAligned()).AddColumn("Why");
        foreach (var g in r.Grids.Take(top))
        {
            grids.AddRow(g.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(g.Name), Markup.Escape($"{g.Chief} / {g.ResponsibleLeader}"),
                $"{g.ExpectedDeduction.Mean:0.0}", Markup.Escape(g.Why));
        }

        console.Write(grids);
        var departments = new Table().Border(TableBorder.Simple).Title("[bold]Riskiest departments[/]")
            .AddColumn("#").AddColumn("Department").AddColumn(new TableColumn("Points").RightAligned()).AddColumn("Why");
        foreach (var d in r.Departments.Take(top))
        {
            departments.AddRow(d.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{d.Name} {d.FullName}"), $"{d.ExpectedDeduction:0.0}", Markup.Escape(d.Why));
        }

        console.Write(departments);
    }

    private static string Label(string metric) => metric switch
    {
        "score" => "Score",
        "passProbability" => "Pass probability",
        "onTimeClosedRate" => "On-time closed",
        "backlogAtInspection" => "Backlog",
        "overdueAtInspection" => "Overdue",
        "supervisionOrders" => "督办 orders",
        "publicNotices" => "通报 notices",
        "accountability" => "问责 cases",
        "recurrences" => "Recurrences",
        "workflows" => "Workflows",
        _ => metric,
    };

    private static string Ci(Estimate e, string format)
        => e.N <= 1 ? "[grey](one replication)[/]" : $"{e.Low.ToString(format, CultureInfo.InvariantCulture)} – {e.High.ToString(format, CultureInfo.InvariantCulture)}";

    private static string Signed(double value, string format) => (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);
}
