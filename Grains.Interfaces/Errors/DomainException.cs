namespace Grains.Interfaces.Errors;

/// <summary>
/// A refusal by the domain: the rule that was broken (<see cref="Code"/>, stable, machine-readable),
/// a sentence for people (<see cref="Exception.Message"/>), and its <see cref="Kind"/>.
/// Thrown by grains, it crosses the cluster intact and becomes a problem-details response.
/// </summary>
[GenerateSerializer, Alias("DomainException")]
public sealed class DomainException : Exception
{
    public DomainException(ErrorKind kind, string code, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        RetryAfter = retryAfter;
    }

    public DomainException()
        : this(ErrorKind.Invalid, ErrorCodes.Invalid, "invalid request")
    {
    }

    public DomainException(string message)
        : this(ErrorKind.Invalid, ErrorCodes.Invalid, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.Invalid;
    }

    [Id(0)]
    public ErrorKind Kind { get; private set; }

    [Id(1)]
    public string Code { get; private set; }

    [Id(2)]
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>Numbers the client needs to act on the refusal (a price and a balance), shown beside the code.</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, long>? Details { get; private set; }

    /// <summary>Words the client needs to act on the refusal (where to pay, with which memo), shown beside the code.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, string>? Terms { get; private set; }

    public static DomainException Invalid(string code, string message) => new(ErrorKind.Invalid, code, message);
    public static DomainException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);
    public static DomainException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
    public static DomainException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static DomainException Unprocessable(string code, string message) => new(ErrorKind.Unprocessable, code, message);
    public static DomainException TooLarge(string code, string message) => new(ErrorKind.TooLarge, code, message);
    public static DomainException UnsupportedMediaType(string code, string message) => new(ErrorKind.UnsupportedMediaType, code, message);
    public static DomainException TooMany(string code, string message, TimeSpan retryAfter) => new(ErrorKind.TooManyRequests, code, message, retryAfter);
    public static DomainException Unavailable(string code, string message, TimeSpan retryAfter) => new(ErrorKind.Unavailable, code, message, retryAfter);

    public static DomainException PaymentRequired(string message, long price, long balance, IReadOnlyDictionary<string, string>? terms = null) =>
        new(ErrorKind.PaymentRequired, ErrorCodes.PaymentRequired, message)
        {
            Details = new Dictionary<string, long> { ["price"] = price, ["balance"] = balance },
            Terms = terms,
        };
}
