using Grains.Chat.Moderation;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chat.Moderation;

public sealed class ModeratorHierarchyTests
{
    private readonly ModeratorHierarchy _group = new("owner", new HashSet<string>(StringComparer.Ordinal) { "op1", "op2" });

    [Fact]
    public void The_owner_and_operators_moderate_and_members_do_not()
    {
        Assert.Equal([MemberRoles.Owner, MemberRoles.Operator, MemberRoles.Member], new[] { "owner", "op1", "eve" }.Select(_group.RoleOf));
        Assert.True(_group.IsModerator("owner"));
        Assert.True(_group.IsModerator("op2"));
        Assert.False(_group.IsModerator("eve"));
        Assert.Equal("moderators_only", Refusal(() => _group.RequireModerator("eve")).Code);
    }

    [Fact]
    public void Operators_moderate_members_but_only_the_owner_moderates_operators_and_nobody_the_owner()
    {
        _group.RequireModeratorOver("op1", "eve");
        _group.RequireModeratorOver("owner", "op1");

        Assert.Equal("cannot_moderate", Refusal(() => _group.RequireModeratorOver("op1", "op2")).Code);
        Assert.Equal("cannot_moderate", Refusal(() => _group.RequireModeratorOver("op1", "owner")).Code);
        Assert.Equal("cannot_moderate", Refusal(() => _group.RequireModeratorOver("owner", "owner")).Code);
        Assert.Equal("moderators_only", Refusal(() => _group.RequireModeratorOver("eve", "op1")).Code);
    }

    [Fact]
    public void Only_the_owner_appoints_operators_and_the_owners_role_is_fixed()
    {
        _group.RequireCanAppoint("owner", "eve");

        var byOperator = Refusal(() => _group.RequireCanAppoint("op1", "eve"));
        var ownerItself = Refusal(() => _group.RequireCanAppoint("owner", "owner"));
        Assert.Equal((ErrorKind.Forbidden, "owner_only"), (byOperator.Kind, byOperator.Code));
        Assert.Equal((ErrorKind.Invalid, "owner_role_fixed"), (ownerItself.Kind, ownerItself.Code));
    }

    private static DomainException Refusal(Action act) => Assert.Throws<DomainException>(act);
}
