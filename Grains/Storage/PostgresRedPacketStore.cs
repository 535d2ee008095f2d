using Grains.Interfaces.Errors;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage;

/// <summary>Red-packet claims in PostgreSQL (deploy/sql/300_payments.sql): one statement per batch, arrays unnested server-side.</summary>
public sealed class PostgresRedPacketStore(NpgsqlDataSource dataSource) : IRedPacketStore
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async Task AppendClaimsAsync(IReadOnlyList<RedPacketClaim> claims, CancellationToken cancellationToken = default)
    {
        if (claims.Count == 0)
            return;
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO red_packet_claims (packet_id, claim_index, user_id, username, address, amount, claimed_at)
                SELECT c.packet_id, c.claim_index, c.user_id, c.username, c.address, c.amount, c.claimed_at
                FROM unnest(@packets, @indexes, @users, @names, @addresses, @amounts, @times) AS c(packet_id, claim_index, user_id, username, address, amount, claimed_at)
                """);
            command.Parameters.Add(new NpgsqlParameter("packets", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = claims.Select(c => c.PacketId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("indexes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = claims.Select(c => c.Index).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("users", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = claims.Select(c => c.UserId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = claims.Select(c => c.Username).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("addresses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = claims.Select(c => c.Address).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = claims.Select(c => c.Amount).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = claims.Select(c => c.ClaimedAt.UtcDateTime).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"red packet {claims[0].PacketId}: a claim index or user is already stored", ex);
        }
        catch (NpgsqlException ex)
        {
            throw DomainException.Unavailable(ErrorCodes.StoreUnavailable, $"the claims store is unavailable: {ex.Message}", RetryAfter);
        }
    }

    public async Task<IReadOnlyList<RedPacketClaim>> LoadClaimsAsync(string packetId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT claim_index, user_id, username, address, amount, claimed_at FROM red_packet_claims WHERE packet_id = @packet ORDER BY claim_index");
            command.Parameters.AddWithValue("packet", packetId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var claims = new List<RedPacketClaim>();
            while (await reader.ReadAsync(cancellationToken))
            {
                claims.Add(new RedPacketClaim(packetId, reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                    new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
            }

            return claims;
        }
        catch (NpgsqlException ex)
        {
            throw DomainException.Unavailable(ErrorCodes.StoreUnavailable, $"the claims store is unavailable: {ex.Message}", RetryAfter);
        }
    }
}
