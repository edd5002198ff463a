using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ActorCity.Runtime.CodeGen.Diagnostics;

/// <summary>The generator's diagnostics. All are errors: the generated code would be wrong or unsafe otherwise.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ActorCity.CodeGen";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "ACG001",
        "Unsupported grain method return type",
        "Grain method {0} returns {1}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "ACG002",
        "Grain method parameter passed by reference",
        "Grain method {0} parameter '{1}' is declared '{2}'; grain method parameters must be passed by value");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "ACG003",
        "Generic grain method",
        "Grain method {0} has type parameters; grain interface methods cannot be generic");

    public static readonly DiagnosticDescriptor NonMethodMember = Error(
        "ACG004",
        "Grain interface declares a property or event",
        "Grain interface {0} declares {1} '{2}'; grain interfaces may declare only methods");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "ACG005",
        "Generic grain interface",
        "Grain interface {0} is generic; generic grain interfaces are not supported");

    public static readonly DiagnosticDescriptor MutableType = Error(
        "ACG006",
        "Mutable type in grain method signature",
        "{0} {1}: {2}");

    public static readonly DiagnosticDescriptor NoConstructor = Error(
        "ACG007",
        "Grain class has no usable constructor",
        "Grain class {0} {1}");

    public static readonly DiagnosticDescriptor InvalidPersistentState = Error(
        "ACG008",
        "[PersistentState] on a parameter that is not IPersistentState<T>",
        "Grain class {0} constructor parameter '{1}' has [PersistentState] but its type is {2}; it must be IPersistentState<T>");

    public static readonly DiagnosticDescriptor InaccessibleType = Error(
        "ACG009",
        "Grain type is not accessible to generated code",
        "{0} {1} is private, protected or file-local; generated code needs it public or internal");

    public static readonly DiagnosticDescriptor GenericGrainClass = Error(
        "ACG010",
        "Generic grain class",
        "Grain class {0} is generic; the runtime cannot activate an open generic grain class");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new[]
    {
        UnsupportedReturnType, ByRefParameter, GenericMethod, NonMethodMember, GenericInterface,
        MutableType, NoConstructor, InvalidPersistentState, InaccessibleType, GenericGrainClass,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
