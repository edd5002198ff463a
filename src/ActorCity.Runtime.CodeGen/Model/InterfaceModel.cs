namespace ActorCity.Runtime.CodeGen.Model;

/// <summary>A grain interface to generate a proxy for.</summary>
/// <param name="FullName">The interface as it is written in generated code (<c>global::</c>-qualified).</param>
/// <param name="Namespace">The namespace of the generated proxy.</param>
/// <param name="ProxyName">The proxy's simple name, unique in <paramref name="Namespace"/>.</param>
internal sealed record InterfaceModel(
    string FullName,
    string Namespace,
    string ProxyName,
    EquatableArray<MethodModel> Methods)
{
    public string ProxyFullName => $"global::{Namespace}.{ProxyName}";
}

internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One grain method, declared on the interface itself or inherited from a base grain interface.</summary>
/// <param name="DeclaringInterface">The interface that declares the method (<c>global::</c>-qualified).</param>
/// <param name="RequestName">The request class's name, unique within the proxy (overloads get a suffix).</param>
/// <param name="ResultType">T of Task&lt;T&gt; or ValueTask&lt;T&gt;, with nullable annotations; null otherwise.</param>
internal sealed record MethodModel(
    string Name,
    string RequestName,
    string DeclaringInterface,
    ReturnKind ReturnKind,
    string? ResultType,
    bool AlwaysInterleave,
    EquatableArray<ParameterModel> Parameters);

/// <param name="Name">The parameter name, escaped with @ when it is a keyword.</param>
/// <param name="Type">The parameter type with nullable annotations (<c>global::</c>-qualified).</param>
internal sealed record ParameterModel(string Name, string Type);
