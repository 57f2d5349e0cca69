using Microsoft.Extensions.Caching.Memory;

namespace MotCua.Web.Catalog;

internal sealed class IntakeCacheOptions
{
    public const string Section = "MotCua:IntakeCache";

    /// <summary>How long a web node reuses what it read; zero reads the database every time.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Every intake reads the procedure version in force, its providers and the desk's unit, and every office queue asks
/// whether its unit has units below it. Each web node keeps these answers for a few seconds: a version published, a
/// provider added, a unit created or closed reaches all nodes within <see cref="IntakeCacheOptions.CacheFor"/>, well
/// inside the day such changes take effect from.
/// </summary>
internal sealed class IntakeCache(IMemoryCache cache, IntakeCacheOptions options)
{
    public async Task<T> GetAsync<T>(object key, Func<Task<T>> read)
    {
        if (options.CacheFor <= TimeSpan.Zero)
        {
            return await read();
        }

        if (cache.TryGetValue(key, out T? value))
        {
            return value!;
        }

        value = await read();
        cache.Set(key, value, options.CacheFor);
        return value;
    }
}
