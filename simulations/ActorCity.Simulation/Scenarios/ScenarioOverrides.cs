using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorCity.Simulation.Scenarios;

/// <summary>Applies <c>path=value</c> overrides to a scenario's JSON, checking each path against the scenario's shape.</summary>
public static class ScenarioOverrides
{
    /// <summary>Splits <c>path=value</c>; the value is JSON when it parses as JSON, else a plain string.</summary>
    public static bool TrySplit(string assignment, out string path, out JsonNode? value, out string error)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        path = eq < 0 ? assignment : assignment[..eq].Trim();
        value = null;
        error = "";
        if (eq < 0)
        {
            error = "expected path=value";
            return false;
        }

        value = ParseValue(assignment[(eq + 1)..].Trim());
        return true;
    }

    public static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>Sets <paramref name="value"/> at <paramref name="pathText"/>; returns an error naming the bad part of the path, or null.</summary>
    public static string? Apply(JsonObject root, string pathText, JsonNode? value)
    {
        if (!ScenarioPath.TryParse(pathText, out var path, out var parseError))
        {
            return $"{pathText}: {parseError}";
        }

        if (path.Segments[0].Name is "extends" or "set" or "$schema")
        {
            return $"{pathText}: '{path.Segments[0].Name}' cannot be overridden";
        }

        return Apply(root, typeof(Scenario), path.Segments, 0, value, "");
    }

    private static string? Apply(JsonObject node, Type type, IReadOnlyList<PathSegment> segments, int index, JsonNode? value, string done)
    {
        var segment = segments[index];
        Type memberType;
        if (ScenarioShape.IsDictionary(type))
        {
            memberType = ScenarioShape.ElementType(type);
        }
        else
        {
            var members = ScenarioShape.MembersOf(type);
            var member = members.FirstOrDefault(m => m.JsonName == segment.Name);
            if (member is null)
            {
                return $"{ScenarioShape.Join(done, segment.Name)}: no such property (expected one of: {string.Join(", ", members.Select(m => m.JsonName).Where(n => n is not ("extends" or "set" or "$schema")))})";
            }

            memberType = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
        }

        var here = ScenarioShape.Join(done, segment.Name);
        var last = index == segments.Count - 1;
        if (segment.Selectors.Count == 0)
        {
            if (last)
            {
                node[segment.Name] = value?.DeepClone();
                return null;
            }

            if (!ScenarioShape.IsRecord(memberType) && !ScenarioShape.IsDictionary(memberType))
            {
                return $"{here}: is {ScenarioShape.Describe(memberType)}, it has no '{segments[index + 1].Name}'";
            }

            if (node[segment.Name] is not JsonObject child)
            {
                child = new JsonObject();
                node[segment.Name] = child;
            }

            return Apply(child, memberType, segments, index + 1, value, here);
        }

        if (segment.Selectors.Count > 1 || !ScenarioShape.IsList(memberType))
        {
            return $"{here}{string.Concat(segment.Selectors)}: '{segment.Name}' is {ScenarioShape.Describe(memberType)}, not a list of named elements";
        }

        if (node[segment.Name] is not JsonArray array)
        {
            return $"{here}: is not an array in this scenario";
        }

        var selector = segment.Selectors[0];
        var elementType = ScenarioShape.ElementType(memberType);
        var selected = Select(array, selector);
        if (selected.Count == 0)
        {
            var known = array.Select(e => (e as JsonObject)?["name"]?.GetValueKind() == JsonValueKind.String ? e!["name"]!.GetValue<string>() : null)
                .Where(n => n is not null).ToList();
            return selector.Index is { } i
                ? $"{here}[{i}]: index out of range ({segment.Name} has {array.Count} elements, indices 0..{array.Count - 1})"
                : $"{here}[{selector.Name}]: no element named '{selector.Name}' (known: {string.Join(", ", known)})";
        }

        foreach (var position in selected)
        {
            var elementPath = $"{here}[{position}]";
            if (last)
            {
                array[position] = value?.DeepClone();
                continue;
            }

            if (array[position] is not JsonObject element || !ScenarioShape.IsRecord(elementType))
            {
                return $"{elementPath}: is not an object, it has no '{segments[index + 1].Name}'";
            }

            var error = Apply(element, elementType, segments, index + 1, value, elementPath);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static List<int> Select(JsonArray array, PathSelector selector)
    {
        if (selector.IsAll)
        {
            return Enumerable.Range(0, array.Count).ToList();
        }

        if (selector.Index is { } index)
        {
            return index < array.Count ? [index] : [];
        }

        var found = new List<int>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject obj && obj["name"] is JsonValue name
                && name.GetValueKind() == JsonValueKind.String && name.GetValue<string>() == selector.Name)
            {
                found.Add(i);
            }
        }

        return found;
    }
}
