using ActorCity.Runtime.Hosting;

namespace ActorCity.Runtime.Tests;

/// <summary>One thread-pool silo with wall-clock grain time, shared by the tests of a collection.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public SiloHost Host { get; private set; } = null!;

    public IGrainFactory Grains => Host.GrainFactory;

    public async Task InitializeAsync() =>
        Host = await SiloHost.StartAsync(b => b
            .AddMemoryGrainStorage()
            .AddGrains(typeof(SiloFixture).Assembly));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
