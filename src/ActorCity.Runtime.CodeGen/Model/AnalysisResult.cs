namespace ActorCity.Runtime.CodeGen.Model;

/// <summary>What the semantic transform found for one declaration: a model to emit (null on error) and diagnostics.</summary>
internal sealed record AnalysisResult<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
