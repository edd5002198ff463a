namespace ActorCity.Runtime.CodeGen.Model;

/// <summary>A grain class to generate an activator for.</summary>
/// <param name="FullName">The class as written in generated code (<c>global::</c>-qualified).</param>
/// <param name="DisplayName">The class's name for error messages.</param>
internal sealed record GrainClassModel(
    string FullName,
    string DisplayName,
    string Namespace,
    string ActivatorName,
    EquatableArray<ConstructorArgumentModel> Arguments)
{
    public string ActivatorFullName => $"global::{Namespace}.{ActivatorName}";
}

internal enum ArgumentKind
{
    /// <summary>The activation's <c>IGrainContext</c>.</summary>
    Context,

    /// <summary>An <c>IPersistentState&lt;T&gt;</c> made by <c>IPersistentStateFactory</c>.</summary>
    PersistentState,

    /// <summary>A service that must be registered.</summary>
    RequiredService,

    /// <summary>A service that may be missing: the parameter has a default value or a nullable type.</summary>
    OptionalService,
}

/// <param name="Type">The parameter type as declared (nullable-annotated).</param>
/// <param name="TypeOfName">The type as it may appear in typeof/is (no reference nullability, Nullable&lt;T&gt; unwrapped for patterns).</param>
/// <param name="StateType">T of IPersistentState&lt;T&gt;.</param>
/// <param name="FallbackExpression">The default value expression for optional services, or null when the parameter is nullable.</param>
internal sealed record ConstructorArgumentModel(
    ArgumentKind Kind,
    string ParameterName,
    string Type,
    string TypeOfName,
    string PatternTypeName,
    string TypeDisplay,
    string? StateType,
    string? StateName,
    string? StorageName,
    string? FallbackExpression);
