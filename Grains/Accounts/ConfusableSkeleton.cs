namespace Grains.Accounts;

/// <summary>
/// The Unicode TR39 confusable skeleton of a username, computed by the system ICU's spoof checker. Two names
/// that look alike (Cyrillic "раураl" and Latin "paypal", "paypa1" and "paypal", "rn" and "m") have equal
/// skeletons, so sign-up can refuse a name whose skeleton is already taken.
/// </summary>
/// <remarks>
/// ICU is used instead of a copy of confusables.txt so the mapping follows the Unicode version the OS ships
/// and needs no data file in the repository. Skeletons are only comparable when computed by the same ICU
/// version; a stored skeleton should be recomputed if the image's ICU changes major version.
/// </remarks>
public static class ConfusableSkeleton
{
    /// <summary>True when ICU's spoof checker was found; when false, <see cref="Of"/> throws.</summary>
    public static bool IsAvailable => IcuSpoofChecker.Instance is not null;

    /// <summary>
    /// The TR39 skeleton of <paramref name="name"/>, lower-cased so that case rarely separates two names.
    /// The exception is TR39's own: capital 'I' is confusable with 'l', not with 'i', so "ALICE" and "alice"
    /// differ here (the lower-cased user id already makes them the same account). Safe to call from any
    /// number of threads at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">ICU could not be loaded; the message says where it was looked for.</exception>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // One checker serves every thread: ICU documents functions that take a const USpoofChecker, as
        // uspoof_getSkeleton does, as thread-safe, and the checker is never modified after uspoof_open.
        // A checker per thread would only multiply the open cost on Orleans' many scheduler threads.
        var checker = IcuSpoofChecker.Instance ?? throw new InvalidOperationException(IcuSpoofChecker.LoadFailure);

        // Lower-casing comes after the mapping because TR39 maps by look and capitals look different:
        // it maps 'I' to 'l' but leaves 'i' alone, so lower-casing first would let "paypaI" pass as
        // "paypai". Lower-casing can then produce letters the table maps again ('M' stays 'M', but the 'm'
        // it becomes maps to "rn"), so the skeleton is taken a second time; without it "Mark" and "mark"
        // would differ. Two rounds leave every single BMP character at a fixed point (Of(Of(c)) == Of(c)),
        // which one round does not for 139 of them on ICU 72.
        var once = checker.GetSkeleton(name).ToLowerInvariant();
        return checker.GetSkeleton(once).ToLowerInvariant();
    }
}
