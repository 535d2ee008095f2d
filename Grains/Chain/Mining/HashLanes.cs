using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grains.Chain.Mining;

/// <summary>
/// SHA-256's word operations on a group of independent lanes (one nonce per lane). One generic
/// search runs over any of these; the JIT specialises it per vector width.
/// </summary>
internal interface IHashLanes<TVector>
    where TVector : unmanaged
{
    static abstract int Width { get; }
    static abstract TVector Splat(uint value);
    static abstract TVector Counting(uint start);
    static abstract TVector Add(TVector left, TVector right);
    static abstract TVector BigSigma0(TVector x);
    static abstract TVector BigSigma1(TVector x);
    static abstract TVector SmallSigma0(TVector x);
    static abstract TVector SmallSigma1(TVector x);
    static abstract TVector Choose(TVector e, TVector f, TVector g);
    static abstract TVector Majority(TVector a, TVector b, TVector c);

    /// <summary>Bit i set when lane i is at most <paramref name="limit"/> (unsigned).</summary>
    static abstract ulong AtMost(TVector value, uint limit);
}

/// <summary>One lane: the portable fallback and the reference the vector widths are tested against.</summary>
internal readonly struct ScalarLanes : IHashLanes<uint>
{
    public static int Width => 1;
    public static uint Splat(uint value) => value;
    public static uint Counting(uint start) => start;
    public static uint Add(uint left, uint right) => left + right;
    public static uint BigSigma0(uint x) => Sha256Core.BigSigma0(x);
    public static uint BigSigma1(uint x) => Sha256Core.BigSigma1(x);
    public static uint SmallSigma0(uint x) => Sha256Core.SmallSigma0(x);
    public static uint SmallSigma1(uint x) => Sha256Core.SmallSigma1(x);
    public static uint Choose(uint e, uint f, uint g) => Sha256Core.Choose(e, f, g);
    public static uint Majority(uint a, uint b, uint c) => Sha256Core.Majority(a, b, c);
    public static ulong AtMost(uint value, uint limit) => value <= limit ? 1UL : 0UL;
}

/// <summary>Four lanes on any 128-bit SIMD (SSE2, NEON).</summary>
internal readonly struct Vector128Lanes : IHashLanes<Vector128<uint>>
{
    public static int Width => 4;
    public static Vector128<uint> Splat(uint value) => Vector128.Create(value);
    public static Vector128<uint> Counting(uint start) => Vector128.Create(start) + Vector128<uint>.Indices;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Add(Vector128<uint> left, Vector128<uint> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> BigSigma0(Vector128<uint> x) => Rotr(x, 2) ^ Rotr(x, 13) ^ Rotr(x, 22);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> BigSigma1(Vector128<uint> x) => Rotr(x, 6) ^ Rotr(x, 11) ^ Rotr(x, 25);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> SmallSigma0(Vector128<uint> x) => Rotr(x, 7) ^ Rotr(x, 18) ^ Vector128.ShiftRightLogical(x, 3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> SmallSigma1(Vector128<uint> x) => Rotr(x, 17) ^ Rotr(x, 19) ^ Vector128.ShiftRightLogical(x, 10);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Choose(Vector128<uint> e, Vector128<uint> f, Vector128<uint> g) => g ^ (e & (f ^ g));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Majority(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c) => (a & b) | (c & (a | b));
    public static ulong AtMost(Vector128<uint> value, uint limit) =>
        Vector128.LessThanOrEqual(value, Vector128.Create(limit)).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Rotr(Vector128<uint> x, [ConstantExpected] int n) =>
        Vector128.ShiftRightLogical(x, n) | Vector128.ShiftLeft(x, 32 - n);
}

/// <summary>Eight lanes on AVX2 (rotations as two shifts).</summary>
internal readonly struct Vector256Lanes : IHashLanes<Vector256<uint>>
{
    public static int Width => 8;
    public static Vector256<uint> Splat(uint value) => Vector256.Create(value);
    public static Vector256<uint> Counting(uint start) => Vector256.Create(start) + Vector256<uint>.Indices;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Add(Vector256<uint> left, Vector256<uint> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> BigSigma0(Vector256<uint> x) => Rotr(x, 2) ^ Rotr(x, 13) ^ Rotr(x, 22);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> BigSigma1(Vector256<uint> x) => Rotr(x, 6) ^ Rotr(x, 11) ^ Rotr(x, 25);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma0(Vector256<uint> x) => Rotr(x, 7) ^ Rotr(x, 18) ^ Vector256.ShiftRightLogical(x, 3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma1(Vector256<uint> x) => Rotr(x, 17) ^ Rotr(x, 19) ^ Vector256.ShiftRightLogical(x, 10);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Choose(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g) => g ^ (e & (f ^ g));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Majority(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a & b) | (c & (a | b));
    public static ulong AtMost(Vector256<uint> value, uint limit) =>
        Vector256.LessThanOrEqual(value, Vector256.Create(limit)).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotr(Vector256<uint> x, [ConstantExpected] int n) =>
        Vector256.ShiftRightLogical(x, n) | Vector256.ShiftLeft(x, 32 - n);
}

/// <summary>Sixteen lanes on AVX-512: native rotates and three-input logic (one instruction per Σ, Ch, Maj).</summary>
internal readonly struct Vector512Lanes : IHashLanes<Vector512<uint>>
{
    public static bool IsSupported => Avx512F.IsSupported;
    public static int Width => 16;
    public static Vector512<uint> Splat(uint value) => Vector512.Create(value);
    public static Vector512<uint> Counting(uint start) => Vector512.Create(start) + Vector512<uint>.Indices;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Add(Vector512<uint> left, Vector512<uint> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> BigSigma0(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 2), Avx512F.RotateRight(x, 13), Avx512F.RotateRight(x, 22), Xor3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> BigSigma1(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 6), Avx512F.RotateRight(x, 11), Avx512F.RotateRight(x, 25), Xor3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SmallSigma0(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 7), Avx512F.RotateRight(x, 18), Avx512F.ShiftRightLogical(x, 3), Xor3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SmallSigma1(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 17), Avx512F.RotateRight(x, 19), Avx512F.ShiftRightLogical(x, 10), Xor3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Choose(Vector512<uint> e, Vector512<uint> f, Vector512<uint> g) => Avx512F.TernaryLogic(e, f, g, Select);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Majority(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) => Avx512F.TernaryLogic(a, b, c, Vote);
    public static ulong AtMost(Vector512<uint> value, uint limit) =>
        Vector512.LessThanOrEqual(value, Vector512.Create(limit)).ExtractMostSignificantBits();

    // Truth tables for vpternlogd with inputs (A=0xF0, B=0xCC, C=0xAA).
    private const byte Xor3 = 0x96;   // A ^ B ^ C
    private const byte Select = 0xCA; // A ? B : C
    private const byte Vote = 0xE8;   // majority(A, B, C)
}
