using System.Collections.Immutable;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>
/// Why a type may not cross a grain call: the member path from <see cref="Root"/> to the offender,
/// the offending type, what is wrong with it and what to use instead.
/// </summary>
internal sealed record Violation(string Root, ImmutableArray<string> Members, string Offender, string Reason, string Advice, bool Settable)
{
    public static Violation Type(string offender, string reason, string advice)
        => new(string.Empty, ImmutableArray<string>.Empty, offender, reason, advice, Settable: false);

    public static Violation SettableMember(string root, string member, string memberType)
        => new(root, ImmutableArray.Create(member), memberType, "is settable", string.Empty, Settable: true);

    /// <summary>Prefixes the path with a member of <paramref name="root"/> that holds the offending value.</summary>
    public Violation Through(string root, string member)
        => this with { Root = root, Members = Members.Insert(0, member) };

    public string Describe()
    {
        if (Members.IsEmpty)
        {
            return $"{Offender} {Reason}; {Advice}";
        }

        var path = Root + "." + string.Join(".", Members);
        return Settable
            ? $"{path} is settable, so {Root} is mutable; make it readonly or init-only, or mark {Root} [Immutable]"
            : $"{path} is {Offender}, which {Reason}; {Advice} or mark {Root} [Immutable]";
    }
}
