using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ActorCity.Simulation.Scenarios;

/// <summary>
/// Checks a scenario's JSON against the shape of the <see cref="Scenario"/> records before it is
/// deserialised, so that every unknown property, missing required field and wrong JSON kind is
/// reported with its path, all at once, instead of the first one only.
/// </summary>
internal static class ScenarioShape
{
    internal sealed record Member(string JsonName, Type Type, bool Required);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The scenario records are this assembly's types, and the native build roots this assembly (ActorCity.Cli.csproj, TrimmerRootAssembly), so their properties are kept.")]
    public static IReadOnlyList<Member> MembersOf(Type recordType)
        => recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => new Member(
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p.PropertyType,
                p.GetCustomAttribute<RequiredMemberAttribute>() is not null))
            .ToList();

    public static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && !IsList(type) && !IsDictionary(type);

    public static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);

    public static bool IsDictionary(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    public static Type ElementType(Type type) => type.GetGenericArguments()[^1];

    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(int))
        {
            return "an integer";
        }

        if (type == typeof(double))
        {
            return "a number";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(DateOnly))
        {
            return "a date \"yyyy-MM-dd\"";
        }

        if (IsList(type))
        {
            return "an array";
        }

        return "an object";
    }

    public static void Check(JsonNode? node, Type type, string path, List<string> errors)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (node is null)
            {
                return;
            }

            type = underlying;
        }

        if (type == typeof(JsonElement))
        {
            return;
        }

        if (node is null)
        {
            errors.Add($"{path}: must be {Describe(type)}, not null");
            return;
        }

        if (type == typeof(string))
        {
            ExpectKind(node, JsonValueKind.String, type, path, errors);
        }
        else if (type == typeof(int))
        {
            if (ExpectKind(node, JsonValueKind.Number, type, path, errors))
            {
                var value = node.GetValue<JsonElement>().GetDouble();
                if (value != Math.Floor(value) || value is < int.MinValue or > int.MaxValue)
                {
                    errors.Add($"{path}: must be an integer (got {Show(node)})");
                }
            }
        }
        else if (type == typeof(double))
        {
            ExpectKind(node, JsonValueKind.Number, type, path, errors);
        }
        else if (type == typeof(bool))
        {
            if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"{path}: must be true or false (got {Show(node)})");
            }
        }
        else if (type == typeof(DateOnly))
        {
            if (ExpectKind(node, JsonValueKind.String, type, path, errors)
                && !DateOnly.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{path}: must be a date \"yyyy-MM-dd\" (got {Show(node)})");
            }
        }
        else if (IsList(type))
        {
            if (node is not JsonArray array)
            {
                errors.Add($"{path}: must be an array (got {Show(node)})");
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], ElementType(type), $"{path}[{i}]", errors);
            }
        }
        else if (IsDictionary(type))
        {
            if (node is not JsonObject map)
            {
                errors.Add($"{path}: must be an object (got {Show(node)})");
                return;
            }

            foreach (var (key, value) in map)
            {
                Check(value, ElementType(type), Join(path, key), errors);
            }
        }
        else
        {
            CheckRecord(node, type, path, errors);
        }
    }

    private static void CheckRecord(JsonNode node, Type type, string path, List<string> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add($"{(path.Length == 0 ? "(root)" : path)}: must be an object (got {Show(node)})");
            return;
        }

        var members = MembersOf(type);
        foreach (var (key, value) in obj)
        {
            var member = members.FirstOrDefault(m => m.JsonName == key);
            if (member is null)
            {
                errors.Add($"{Join(path, key)}: unknown property (expected one of: {string.Join(", ", members.Select(m => m.JsonName))})");
                continue;
            }

            if (value is null && !member.Required)
            {
                continue;
            }

            Check(value, member.Type, Join(path, key), errors);
        }

        foreach (var member in members.Where(m => m.Required && !obj.ContainsKey(m.JsonName)))
        {
            errors.Add($"{Join(path, member.JsonName)}: required");
        }
    }

    private static bool ExpectKind(JsonNode node, JsonValueKind kind, Type type, string path, List<string> errors)
    {
        if (node is JsonValue && node.GetValueKind() == kind)
        {
            return true;
        }

        errors.Add($"{path}: must be {Describe(type)} (got {Show(node)})");
        return false;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Length > 40 ? text[..37] + "..." : text;
    }
}
