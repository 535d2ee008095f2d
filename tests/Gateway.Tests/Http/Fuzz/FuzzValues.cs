namespace Gateway.Tests.Http.Fuzz;

/// <summary>Route and query values that should be refused with a 4xx, whatever the parameter.</summary>
public static class FuzzValues
{
    /// <summary>Route segments as sent: some already percent-encoded, some raw for the client to encode.</summary>
    public static IReadOnlyList<string> HostileSegments { get; } =
    [
        "%20", "%00", "%0A", "Пример", "😀", new string('a', 300), "..", "%2E%2E", "-1", "99999999999999999999", "%C0%AE", "{node}", "%2F", "%FF", "%25",
    ];

    public static IReadOnlyList<string> HostileIntegers { get; } =
    [
        "-1", "0", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999", "abc", "NaN",
        "Infinity", "1.5", "1e3", "", "%20", "%00", "0x10", new string('9', 3000),
    ];

    public static IReadOnlyList<string> HostileStrings { get; } =
    [
        "", "%20", "%00", "%0A", "%FF", "%C0%AE", Uri.EscapeDataString("Пример😀"), Uri.EscapeDataString("ｆｕｚｚ"), new string('a', 3000), "%25", "*", "%27%22",
        "a:b,c:d", "-1", "99999999999999999999",
    ];

    /// <summary>Strings that have broken parsers, formatters and filters elsewhere: template braces, commands, look-alike links, injections.</summary>
    public static IReadOnlyList<string> TrickyStrings { get; } =
    [
        "{user}{{}}{group", "}{", "{retry_after}{count}", "/HELP", "/INFO /INFO", "/", "/unknown-command arg", "ｅｘａｍｐｌｅ．ｃｏｍ", "xn--80ak6aa92e.com",
        "例子.中国", "evil . com", string.Concat(Enumerable.Repeat("a.", 3000)), new string('.', 3000), "http://" + new string('a', 5000), "\u202egnp.exe",
        "a\u0000b", "../../etc/passwd", "<script>alert(1)</script>", "'; DROP TABLE users; --", "${jndi:ldap://x/a}", "null", "true", "-0", "1e400",
        "\ud83d\ude00\ud83d", "\u0301\u0301\u0301", "Ⅻ", "ß", "İ", "fuzz_owner", "FUZZ_MEMBER", "me", "0000000000000000000000000000000000000000",
    ];
}
