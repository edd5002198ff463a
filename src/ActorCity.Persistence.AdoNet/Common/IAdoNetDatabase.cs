using System.Data.Common;

namespace ActorCity.Persistence.AdoNet;

/// <summary>A provider's database as the steps both providers share see it.</summary>
internal interface IAdoNetDatabase
{
    /// <summary>Opens a connection, after making sure (once) that the schema exists.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);
}
