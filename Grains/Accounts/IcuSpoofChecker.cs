using System.Runtime.InteropServices;

namespace Grains.Accounts;

/// <summary>
/// The system ICU's TR39 spoof checker, reached through <see cref="NativeLibrary"/> rather than
/// <c>[DllImport]</c>: ICU puts its major version in both the file name (<c>libicui18n.so.72</c>) and every
/// exported symbol (<c>uspoof_open_72</c>), and that version differs between this VM, Debian/Ubuntu
/// images and macOS, so both have to be discovered at run time.
/// </summary>
internal sealed unsafe class IcuSpoofChecker
{
    // ICU's UErrorCode: values <= 0 are success or warnings (e.g. U_STRING_NOT_TERMINATED_WARNING when the
    // skeleton exactly fills the buffer, which is fine because the length is returned, not a terminator).
    private const int ZeroError = 0;
    private const int BufferOverflowError = 15;

    // Usernames are at most 32 UTF-16 units; the confusables mapping can lengthen a string (m -> rn) but
    // rarely by much, so this covers every real name without touching the heap.
    private const int StackSkeletonCapacity = 256;

    private const int NewestMajorVersion = 90;
    private const int OldestMajorVersion = 50;

    // ExecutionAndPublication so that racing first callers open one checker, not one each that would leak.
    private static readonly Lazy<(IcuSpoofChecker? Checker, string Failure)> Shared =
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly nint checker;
    private readonly delegate* unmanaged<nint, uint, char*, int, char*, int, int*, int> getSkeleton;

    private IcuSpoofChecker(nint checker, delegate* unmanaged<nint, uint, char*, int, char*, int, int*, int> getSkeleton)
    {
        this.checker = checker;
        this.getSkeleton = getSkeleton;
    }

    /// <summary>What was loaded, for diagnostics: library file name and symbol suffix.</summary>
    public string Source { get; private init; } = "";

    /// <summary>The process-wide checker, or null when no usable ICU was found (see <see cref="LoadFailure"/>).</summary>
    public static IcuSpoofChecker? Instance => Shared.Value.Checker;

    /// <summary>Why <see cref="Instance"/> is null; empty when it is not.</summary>
    public static string LoadFailure => Shared.Value.Failure;

    /// <summary>uspoof_getSkeleton on the shared checker, growing the output buffer once if ICU asks for it.</summary>
    public string GetSkeleton(string identifier)
    {
        Span<char> small = stackalloc char[StackSkeletonCapacity];
        var status = ZeroError;
        int length;
        fixed (char* id = identifier)
        fixed (char* dest = small)
            length = getSkeleton(checker, 0, id, identifier.Length, dest, small.Length, &status);

        if (status <= ZeroError)
            return new string(small[..length]);
        if (status != BufferOverflowError)
            throw new InvalidOperationException($"ICU uspoof_getSkeleton failed with UErrorCode {status} ({Source}).");

        // The first call reported the full length even though it did not fit; a second call with exactly
        // that much room cannot overflow again because the input has not changed.
        var large = new char[length];
        status = ZeroError;
        fixed (char* id = identifier)
        fixed (char* dest = large)
            length = getSkeleton(checker, 0, id, identifier.Length, dest, large.Length, &status);
        if (status > ZeroError)
            throw new InvalidOperationException($"ICU uspoof_getSkeleton failed with UErrorCode {status} ({Source}).");
        return new string(large, 0, length);
    }

    private static (IcuSpoofChecker?, string) Load()
    {
        var tried = new List<string>();
        foreach (var (file, suffixes) in Candidates())
        {
            // Loaded libraries are never freed: a system ICU may be mapped by other components too, and at
            // most one handle per candidate version is kept.
            if (!NativeLibrary.TryLoad(file, out var library))
                continue;

            var outcome = $"{file} (loaded, but exports no uspoof_open/uspoof_getSkeleton)";
            foreach (var suffix in suffixes)
            {
                if (!NativeLibrary.TryGetExport(library, "uspoof_open" + suffix, out var open)
                    || !NativeLibrary.TryGetExport(library, "uspoof_getSkeleton" + suffix, out var skeleton))
                    continue;

                var status = ZeroError;
                var checker = ((delegate* unmanaged<int*, nint>)open)(&status);
                if (status > ZeroError || checker == 0)
                {
                    outcome = $"{file} (uspoof_open{suffix} failed with UErrorCode {status})";
                    break;
                }

                // The checker is deliberately never closed: it lives as long as the process, and closing it
                // during shutdown could free it under a sign-up still computing a skeleton.
                var symbol = suffix.Length == 0 ? "unsuffixed symbols" : $"symbols suffixed {suffix}";
                var found = new IcuSpoofChecker(checker, (delegate* unmanaged<nint, uint, char*, int, char*, int, int*, int>)skeleton)
                {
                    Source = $"{file}, {symbol}",
                };
                return (found, "");
            }

            tried.Add(outcome);
        }

        return (null, Describe(tried));
    }

    private static IEnumerable<(string File, string[] Suffixes)> Candidates()
    {
        // A versioned file name tells us the suffix; some distributions build ICU with
        // --disable-renaming and export plain names, so the unsuffixed name is the second choice.
        for (var major = NewestMajorVersion; major >= OldestMajorVersion; major--)
            yield return ($"libicui18n.so.{major}", [$"_{major}", ""]);

        // The unversioned development symlink and macOS's libicucore say nothing about the version,
        // so every suffix in range is worth a look after the plain names.
        string[] anySuffix = ["", .. Enumerable.Range(OldestMajorVersion, NewestMajorVersion - OldestMajorVersion + 1)
            .Reverse().Select(major => $"_{major}")];
        yield return ("libicui18n.so", anySuffix);
        yield return ("libicucore.dylib", anySuffix);
    }

    private static string Describe(List<string> found)
    {
        var message = "ICU's spoof checker (uspoof_open/uspoof_getSkeleton in libicui18n, which needs libicuuc and "
            + "libicudata beside it) could not be loaded, so "
            + "confusable usernames cannot be detected. Searched "
            + $"libicui18n.so.{NewestMajorVersion} down to libicui18n.so.{OldestMajorVersion}, libicui18n.so and libicucore.dylib"
            + (found.Count == 0 ? "; none could be loaded." : $"; {string.Join("; ", found)}.");

        // Invariant mode does not remove ICU from the machine, but it is how .NET is told it may run without
        // it, and images prepared for it (Alpine, chiseled) usually leave libicu out.
        if (RunsInvariant())
            message += " .NET is running with invariant globalization (InvariantGlobalization / "
                + "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT), so nothing guarantees ICU is installed: "
                + "install libicu (e.g. apt-get install libicu72, apk add icu-libs) in the image.";
        else
            message += " Install libicu (e.g. apt-get install libicu72, apk add icu-libs).";
        return message;
    }

    private static bool RunsInvariant()
    {
        if (AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant))
            return invariant;
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
        return variable is not null && (variable == "1" || variable.Equals("true", StringComparison.OrdinalIgnoreCase));
    }
}
