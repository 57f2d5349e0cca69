namespace MotCua.Tests.Infrastructure;

/// <summary>Real time, unless a test sets it: then it stands still at that moment (assertions to the second
/// must not depend on how loaded the machine is) until moved on or reset.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;
    private DateTimeOffset? _fixed;

    public override DateTimeOffset GetUtcNow() => _fixed ?? base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by)
    {
        _offset += by;
        _fixed += by;
    }

    /// <summary>Stops the clock at a moment.</summary>
    public void SetNow(DateTimeOffset moment) => _fixed = moment;

    public void Reset()
    {
        _offset = TimeSpan.Zero;
        _fixed = null;
    }
}
