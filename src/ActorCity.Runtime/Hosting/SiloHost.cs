using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Runtime.Hosting;

/// <summary>
/// A silo in its own service container, for embedded use (the simulation, the benchmark, tests):
/// <c>await using var host = await SiloHost.StartAsync(b => b.AddMemoryGrainStorage());</c>
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SiloHost(ServiceProvider services)
    {
        _services = services;
        Silo = services.GetRequiredService<Silo>();
    }

    public Silo Silo { get; }

    public IServiceProvider Services => _services;

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public static async Task<SiloHost> StartAsync(Action<SiloBuilder> configure, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        var builder = new SiloBuilder(services);
        configure(builder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var host = new SiloHost(provider);
        try
        {
            await host.Silo.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>Completes when no turn is queued or running.</summary>
    public ValueTask WaitForQuiescenceAsync() => Silo.WaitForQuiescenceAsync();

    public Task StopAsync(CancellationToken cancellationToken = default) => Silo.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
