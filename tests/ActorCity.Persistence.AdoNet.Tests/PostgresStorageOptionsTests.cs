namespace ActorCity.Persistence.AdoNet.Tests;

public sealed class PostgresStorageOptionsTests
{
    [Fact]
    public void Connection_string_falls_back_to_the_ACTORCITY_POSTGRES_environment_variable()
    {
        var options = new PostgresStorageOptions();

        var resolved = options.ResolveConnectionString(name => name == "ACTORCITY_POSTGRES" ? "Host=db;Database=city" : null);

        Assert.Equal("Host=db;Database=city", resolved);
    }

    [Fact]
    public void Explicit_connection_string_wins_over_the_environment()
    {
        var options = new PostgresStorageOptions { ConnectionString = "Host=explicit" };

        Assert.Equal("Host=explicit", options.ResolveConnectionString(_ => "Host=environment"));
    }

    [Fact]
    public void Missing_connection_string_fails_naming_the_environment_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresStorageOptions().ResolveConnectionString(_ => null));

        Assert.Contains("ACTORCITY_POSTGRES", error.Message, StringComparison.Ordinal);
    }
}
