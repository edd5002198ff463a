using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActorCity.Simulation.Scenarios;

/// <summary>A scenario ready to run: the validated records and the resolved JSON they came from.</summary>
public sealed record LoadedScenario(Scenario Scenario, string Source, IReadOnlyList<string> Overrides, JsonObject Resolved);

/// <summary>
/// Loads a scenario file: resolves <c>extends</c> (deep merge: objects merge key by key, arrays and
/// values replace), applies the file's <c>set</c> block, then the command line's <c>--set</c> overrides,
/// checks the shape, deserialises and validates. Any error throws <see cref="ScenarioException"/> listing every problem found.
/// </summary>
public static class ScenarioLoader
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        TypeInfoResolver = SimulationJsonContext.Default,
    };

    public static LoadedScenario Load(string file, IEnumerable<string>? overrides = null)
    {
        var errors = new List<string>();
        var root = Resolve(Path.GetFullPath(file), [], errors);
        return Finish(root, Path.GetFileName(file), overrides, errors);
    }

    /// <summary>Loads a scenario from text; <paramref name="directory"/> resolves <c>extends</c>.</summary>
    public static LoadedScenario Parse(string json, string directory, string sourceName, IEnumerable<string>? overrides = null)
    {
        var errors = new List<string>();
        var root = ResolveText(json, Path.Combine(Path.GetFullPath(directory), sourceName), [], errors);
        return Finish(root, sourceName, overrides, errors);
    }

    private static LoadedScenario Finish(JsonObject? root, string source, IEnumerable<string>? overrides, List<string> errors)
    {
        if (root is null)
        {
            throw new ScenarioException(errors);
        }

        var applied = new List<string>();
        foreach (var assignment in overrides ?? [])
        {
            if (!ScenarioOverrides.TrySplit(assignment, out var path, out var value, out var splitError))
            {
                errors.Add($"--set {assignment}: {splitError}");
                continue;
            }

            var error = ScenarioOverrides.Apply(root, path, value);
            if (error is not null)
            {
                errors.Add($"--set {assignment}: {error}");
            }
            else
            {
                applied.Add(assignment);
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        ScenarioShape.Check(root, typeof(Scenario), "", errors);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        Scenario scenario;
        try
        {
            scenario = root.Deserialize((JsonTypeInfo<Scenario>)JsonOptions.GetTypeInfo(typeof(Scenario)))
                ?? throw new ScenarioException(["(root): must be an object"]);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException([$"{ex.Path?.TrimStart('$', '.') ?? "(root)"}: {ex.Message}"]);
        }

        ScenarioValidator.Validate(scenario, errors);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new LoadedScenario(scenario, source, applied, root);
    }

    private static JsonObject? Resolve(string fullPath, List<string> chain, List<string> errors)
    {
        if (!File.Exists(fullPath))
        {
            errors.Add(chain.Count == 0 ? $"{fullPath}: file not found" : $"{Path.GetFileName(chain[^1])}: extends: file not found: {fullPath}");
            return null;
        }

        return ResolveText(File.ReadAllText(fullPath), fullPath, chain, errors);
    }

    private static JsonObject? ResolveText(string text, string fullPath, List<string> chain, List<string> errors)
    {
        var name = Path.GetFileName(fullPath);
        if (chain.Contains(fullPath))
        {
            errors.Add($"{name}: extends: cycle ({string.Join(" -> ", chain.Append(fullPath).Select(Path.GetFileName))})");
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            errors.Add($"{name}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message.Split(" Path:")[0]}");
            return null;
        }

        if (node is not JsonObject obj)
        {
            errors.Add($"{name}: must hold a JSON object");
            return null;
        }

        var extends = obj["extends"];
        var set = obj["set"];
        obj.Remove("extends");
        obj.Remove("set");
        obj.Remove("$schema");

        var result = obj;
        if (extends is not null)
        {
            if (extends.GetValueKind() != JsonValueKind.String)
            {
                errors.Add($"{name}: extends: must be a file name (got {ScenarioShape.Show(extends)})");
                return null;
            }

            var basePath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fullPath)!, extends.GetValue<string>()));
            var baseRoot = Resolve(basePath, [.. chain, fullPath], errors);
            if (baseRoot is null)
            {
                return null;
            }

            Merge(baseRoot, obj);
            result = baseRoot;
        }

        if (set is not null)
        {
            if (set is not JsonObject assignments)
            {
                errors.Add($"{name}: set: must be an object of \"path\": value");
                return null;
            }

            foreach (var (path, value) in assignments)
            {
                var error = ScenarioOverrides.Apply(result, path, value);
                if (error is not null)
                {
                    errors.Add($"{name}: set.{error}");
                }
            }
        }

        return errors.Count == 0 ? result : null;
    }

    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
