using System.Globalization;
using System.Text;

namespace ActorCity.Simulation.Scenarios;

/// <summary>
/// A path into a scenario, as used by <c>--set path=value</c> and by a scenario's <c>set</c> block:
/// dot-separated property names (as spelled in the JSON), each optionally followed by selectors on a list:
/// <c>[3]</c> (zero-based index), <c>[*]</c> (every element) or <c>[城管]</c> (the element whose <c>name</c> is 城管).
/// Dictionary keys are written as property names: <c>inspection.sample.market</c>.
/// </summary>
public sealed record ScenarioPath(IReadOnlyList<PathSegment> Segments, string Text)
{
    public static bool TryParse(string text, out ScenarioPath path, out string error)
    {
        path = new ScenarioPath([], text);
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the path is empty";
            return false;
        }

        var segments = new List<PathSegment>();
        var i = 0;
        while (i < text.Length)
        {
            var name = new StringBuilder();
            while (i < text.Length && text[i] != '.' && text[i] != '[')
            {
                name.Append(text[i++]);
            }

            if (name.Length == 0)
            {
                error = $"expected a property name at position {i + 1}";
                return false;
            }

            var selectors = new List<PathSelector>();
            while (i < text.Length && text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"unclosed '[' at position {i + 1}";
                    return false;
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner.Length == 0)
                {
                    error = $"empty selector '[]' at position {i + 1}";
                    return false;
                }

                selectors.Add(inner == "*" ? PathSelector.All
                    : int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? PathSelector.At(index)
                    : PathSelector.Named(inner));
                i = close + 1;
            }

            segments.Add(new PathSegment(name.ToString().Trim(), selectors));
            if (i < text.Length)
            {
                if (text[i] != '.')
                {
                    error = $"expected '.' or '[' at position {i + 1}";
                    return false;
                }

                i++;
                if (i == text.Length)
                {
                    error = "the path ends with '.'";
                    return false;
                }
            }
        }

        path = new ScenarioPath(segments, text);
        return true;
    }

    public override string ToString() => Text;
}

public sealed record PathSegment(string Name, IReadOnlyList<PathSelector> Selectors);

/// <summary>Selects list elements: by index, by name, or all.</summary>
public sealed record PathSelector(int? Index, string? Name)
{
    public static PathSelector All { get; } = new(null, null);

    public static PathSelector At(int index) => new(index, null);

    public static PathSelector Named(string name) => new(null, name);

    public bool IsAll => Index is null && Name is null;

    public override string ToString() => IsAll ? "[*]" : Index is { } i ? $"[{i}]" : $"[{Name}]";
}
