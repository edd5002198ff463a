namespace ActorCity.Grains.Domain;

/// <summary>
/// The hash codes of a ledger's command ids, in ledger order: a command is looked up in one small array of integers,
/// and only a ledger line whose hash matches is read and its id compared, instead of every line and every id string.
/// String hash codes are randomised per process, so the hashes live in memory only (<see cref="LiveTask"/> keeps them).
/// </summary>
internal static class LedgerIndex
{
    public static int HashOf(string? commandId) => commandId?.GetHashCode() ?? 0;

    /// <summary>The position of the last line of <paramref name="ledger"/> with <paramref name="commandId"/>; -1 if none.</summary>
    public static int LastIndexOf(ReadOnlySpan<int> hashes, ReadOnlySpan<LedgerEntry> ledger, string? commandId)
    {
        var hash = HashOf(commandId);
        var candidates = hashes;
        int i;
        while ((i = candidates.LastIndexOf(hash)) >= 0)
        {
            if (ledger[i].CommandId == commandId)
            {
                return i;
            }

            candidates = candidates[..i];
        }

        return -1;
    }
}
