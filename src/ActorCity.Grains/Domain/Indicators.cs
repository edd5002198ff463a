using System.Collections.Immutable;

namespace ActorCity.Grains.Domain;

/// <summary>
/// Indicators (考核指标) from counts. An empty denominator counts as perfect (good rates 1, bad rates 0), so a grid
/// with no dispatched task is not punished. Composite (综合评价) = Σ weight × rate, DOMAIN.md's
/// 处置率×30 + 按期处置率×20 + (1−返工率)×20 + (1−超期待处置率)×20 + (1−延期率)×10 by default.
/// </summary>
public static class Indicators
{
    public static IndicatorSet Of(TaskCounters c, IndicatorWeights w)
    {
        var handled = Ratio(c.Handled, c.Due, 1);
        var onTimeHandled = Ratio(c.HandledOnTime, c.OnTimeDue, 1);
        var rework = Ratio(c.Reworked, c.Handled, 0);
        var extension = Ratio(c.Extended, c.Due, 0);
        var overdue = Ratio(c.OverduePending, c.Due, 0);
        var composite = (w.Handled * handled) + (w.OnTimeHandled * onTimeHandled) + (w.NotReworked * (1 - rework))
            + (w.NotOverduePending * (1 - overdue)) + (w.NotExtended * (1 - extension));
        return new IndicatorSet(
            handled,
            onTimeHandled,
            Ratio(c.Closed, c.Due, 1),
            Ratio(c.ClosedOnTime, c.OnTimeDue, 1),
            rework,
            extension,
            overdue,
            Ratio(c.Dispatched - c.Returned, c.Dispatched, 1),
            composite);
    }

    public static double Ratio(int numerator, int denominator, double whenEmpty) =>
        denominator == 0 ? whenEmpty : (double)numerator / denominator;

    /// <summary>Red list (红榜): the best <paramref name="size"/> rows by composite; ties by code. Rows with nothing due are left out.</summary>
    public static ImmutableArray<string> RedList(ImmutableArray<IndicatorRow> rows, int size) =>
        [.. rows.Where(r => r.Counters.Due > 0)
            .OrderByDescending(r => r.Indicators.Composite)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .Take(size)
            .Select(r => r.Code)];

    /// <summary>Black list (黑榜): the worst <paramref name="size"/> rows by composite, worst first; ties by code.</summary>
    public static ImmutableArray<string> BlackList(ImmutableArray<IndicatorRow> rows, int size) =>
        [.. rows.Where(r => r.Counters.Due > 0)
            .OrderBy(r => r.Indicators.Composite)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .Take(size)
            .Select(r => r.Code)];
}
