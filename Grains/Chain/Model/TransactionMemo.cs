using System.Text;

namespace Grains.Chain.Model;

/// <summary>
/// The memo a transaction of format version 2 carries and its signature covers: 1-64 bytes of UTF-8 with no control
/// characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F). No memo, or an empty one, is format version 1.
/// The rule is a fixed byte count and fixed code point ranges, not a Unicode table that could change between runtimes,
/// because every node must agree on it.
/// </summary>
public static class TransactionMemo
{
    public const int MaxBytes = 64;

    // Throws on lone surrogates when encoding and on invalid or overlong sequences when decoding, instead of
    // replacing them with U+FFFD: a memo is what was signed, byte for byte.
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What is wrong with <paramref name="memo"/>, or null when it can be written (no memo is fine).</summary>
    public static string? ProblemOf(string? memo)
    {
        if (string.IsNullOrEmpty(memo))
            return null;
        int size;
        try
        {
            size = Strict.GetByteCount(memo);
        }
        catch (ArgumentException)
        {
            return "memo must be valid Unicode text (a lone surrogate cannot be written as UTF-8)";
        }

        if (size > MaxBytes)
            return $"memo is {size} bytes of UTF-8; at most {MaxBytes}";
        if (memo.Any(char.IsControl))
            return "memo must not contain control characters (U+0000-U+001F, U+007F-U+009F)";
        return null;
    }

    /// <summary>The UTF-8 bytes of a memo that <see cref="ProblemOf"/> accepts; throws <see cref="FormatException"/> otherwise.</summary>
    public static byte[] ToBytes(string memo) =>
        ProblemOf(memo) is { } problem ? throw new FormatException(problem) : Strict.GetBytes(memo);

    /// <summary>The memo written in <paramref name="bytes"/> (1-64 of them); throws <see cref="FormatException"/> on anything a writer would refuse.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is 0 or > MaxBytes)
            throw new FormatException($"memo length must be 1-{MaxBytes} bytes (no memo is format version 1)");
        string memo;
        try
        {
            memo = Strict.GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw new FormatException("memo is not valid UTF-8");
        }

        return ProblemOf(memo) is { } problem ? throw new FormatException(problem) : memo;
    }
}
