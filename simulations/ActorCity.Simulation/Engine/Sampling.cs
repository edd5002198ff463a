using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Engine;

/// <summary>Random variates drawn from a seeded <see cref="Random"/>; no other source of randomness is used.</summary>
public static class Sampling
{
    public static double Exponential(Random random, double mean) => mean <= 0 ? 0 : -mean * Math.Log(1 - random.NextDouble());

    public static double StandardNormal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Poisson: Knuth's product method below 30, the rounded normal approximation above.</summary>
    public static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean >= 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * StandardNormal(random))));
        }

        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }

    /// <summary>A duration in hours from a validated distribution.</summary>
    public static double Draw(Random random, DistributionSpec d)
    {
        switch (d.Type)
        {
            case "fixed":
                return d.Mean!.Value;
            case "exponential":
                return Exponential(random, d.Mean!.Value);
            case "uniform":
                return d.Min!.Value + (random.NextDouble() * (d.Max!.Value - d.Min.Value));
            case "lognormal":
            {
                var mean = d.Mean!.Value;
                var sd = d.Sd!.Value;
                var sigma2 = Math.Log(1 + (sd * sd / (mean * mean)));
                var mu = Math.Log(mean) - (sigma2 / 2);
                return Math.Exp(mu + (Math.Sqrt(sigma2) * StandardNormal(random)));
            }

            default:
            {
                var a = d.Min!.Value;
                var c = d.Mode!.Value;
                var b = d.Max!.Value;
                var u = random.NextDouble();
                var split = (c - a) / (b - a);
                return u < split ? a + Math.Sqrt(u * (b - a) * (c - a)) : b - Math.Sqrt((1 - u) * (b - a) * (b - c));
            }
        }
    }

    /// <summary>Index drawn with probability proportional to the cumulative weights' increments.</summary>
    public static int Pick(Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }
}
