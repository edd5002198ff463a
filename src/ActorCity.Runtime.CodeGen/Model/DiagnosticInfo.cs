using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ActorCity.Runtime.CodeGen.Model;

/// <summary>
/// A diagnostic held as plain values: pipeline models must not keep symbols, syntax trees or
/// <see cref="Location"/>s alive, or every edit would look like a change.
/// </summary>
internal sealed record DiagnosticInfo(
    string DescriptorId,
    string? FilePath,
    int SpanStart,
    int SpanLength,
    int StartLine,
    int StartCharacter,
    int EndLine,
    int EndCharacter,
    EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var args = arguments.ToEquatableArray();
        if (location is null || !location.IsInSource)
        {
            return new DiagnosticInfo(descriptor.Id, null, 0, 0, 0, 0, 0, 0, args);
        }

        var line = location.GetLineSpan();
        return new DiagnosticInfo(
            descriptor.Id,
            line.Path,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            line.StartLinePosition.Line,
            line.StartLinePosition.Character,
            line.EndLinePosition.Line,
            line.EndLinePosition.Character,
            args);
    }

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(DescriptorId);
        var location = FilePath is null
            ? Location.None
            : Location.Create(
                FilePath,
                new TextSpan(SpanStart, SpanLength),
                new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
        return Diagnostic.Create(descriptor, location, Arguments.Select(a => (object)a).ToArray());
    }
}
