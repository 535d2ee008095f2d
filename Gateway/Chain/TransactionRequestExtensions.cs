using Gateway.Http;
using Grains.Interfaces.Chain;

namespace Gateway.Chain;

/// <summary>A signed transaction from a request body, with every field it needs present (400 <c>missing_fields</c> otherwise).</summary>
public static class TransactionRequestExtensions
{
    public static TransactionData ToData(this TransactionRequest request, string networkId)
    {
        RequiredFields.Check(("from", request.From), ("to", request.To), ("amount", request.Amount), ("nonce", request.Nonce),
            ("public_key", request.PublicKey), ("signature", request.Signature));
        return new TransactionData(request.ChainId ?? networkId, request.From!, request.To!, request.Amount!.Value, request.Fee ?? 0,
            request.Nonce!.Value, request.PublicKey!, request.Signature!, request.Memo);
    }
}
