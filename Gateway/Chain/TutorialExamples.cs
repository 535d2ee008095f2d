namespace Gateway.Chain;

/// <summary>Sample blocks for the tutorial routes' OpenAPI examples.</summary>
public static class TutorialExamples
{
    public const string PreviousHash = "00009d5a0c2dab895a14ab412c27f6ac6d4dadab6d335d9171e0c6b5e8e9a41d";
    public const string Hash = "0000f1c2b3a4958677d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4";

    public static TutorialTransaction Coinbase { get; } = new("160e3b758a26c61569df0484d1e24b326f957ea43e1811e3456c251c765b02a1", "0",
        "5f434fe529aafe9c95ba688d17de8d4c5a6164cf", 12.5m, 0, 1_250_000_000, 0, 4);

    public static TutorialBlock Block { get; } = new(1, 0, 1_735_689_600, 1_735_689_600_000, [], 42_822, new string('0', 64), PreviousHash,
        new string('0', 64), "1f00ffff");
}
