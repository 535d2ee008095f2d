using Grains.Accounts;

namespace Grains.Tests.Accounts;

/// <summary>
/// What the system ICU's TR39 skeleton actually treats as confusable. The expectations are ICU's answers,
/// not wishes: where ICU does not confuse a pair, the test says so.
/// </summary>
public sealed class ConfusableSkeletonTests
{
    [Fact]
    public void Icu_spoof_checker_is_found_on_this_machine()
    {
        // Sign-up depends on it, so a missing ICU must fail loudly here rather than as a skip.
        Assert.True(ConfusableSkeleton.IsAvailable, IcuSpoofChecker.LoadFailure);
    }

    [Fact]
    public void Latin_paypal_and_Cyrillic_paypal_share_a_skeleton()
    {
        const string cyrillic = "\u0440\u0430\u0443\u0440\u0430l"; // р а у р а + Latin l

        Assert.Equal(ConfusableSkeleton.Of("paypal"), ConfusableSkeleton.Of(cyrillic));
    }

    [Fact]
    public void Digit_one_and_letter_l_share_a_skeleton()
    {
        Assert.Equal(ConfusableSkeleton.Of("paypal"), ConfusableSkeleton.Of("paypa1"));
    }

    [Fact]
    public void Unrelated_names_have_different_skeletons()
    {
        Assert.NotEqual(ConfusableSkeleton.Of("alice"), ConfusableSkeleton.Of("bob"));
    }

    [Fact]
    public void Capitalised_and_lower_case_names_share_a_skeleton()
    {
        Assert.Equal(ConfusableSkeleton.Of("alice"), ConfusableSkeleton.Of("Alice"));
    }

    [Fact]
    public void A_capital_M_matches_a_lower_case_m_although_only_m_maps_to_rn()
    {
        // TR39 maps 'm' to "rn" but leaves 'M' alone; without a second mapping after lower-casing,
        // "Mark" would have the skeleton "mark" and "mark" would have "rnark".
        Assert.Equal(ConfusableSkeleton.Of("mark"), ConfusableSkeleton.Of("Mark"));
        Assert.Equal(ConfusableSkeleton.Of("mark"), ConfusableSkeleton.Of("MARK"));
    }

    [Fact]
    public void A_capital_I_impersonating_l_is_caught()
    {
        Assert.Equal(ConfusableSkeleton.Of("paypal"), ConfusableSkeleton.Of("paypaI"));
    }

    [Fact]
    public void All_caps_with_I_differs_from_lower_case_because_TR39_confuses_I_with_l_not_with_i()
    {
        // ICU's answer, pinned so nobody relies on the skeleton alone for case-insensitivity: "ALICE" reads
        // as "allce". The lower-cased user id is what makes "ALICE" and "alice" one account.
        Assert.Equal("allce", ConfusableSkeleton.Of("ALICE"));
        Assert.NotEqual(ConfusableSkeleton.Of("alice"), ConfusableSkeleton.Of("ALICE"));
    }

    [Fact]
    public void A_skeleton_is_its_own_skeleton()
    {
        // Stored skeletons can be re-checked, or compared with skeletons of skeletons, without drifting.
        foreach (var name in new[] { "Mark", "paypa1", "\u0440\u0430\u0443\u0440\u0430l", "ＭＡＲＫ", "ALICE", "张伟" })
            Assert.Equal(ConfusableSkeleton.Of(name), ConfusableSkeleton.Of(ConfusableSkeleton.Of(name)));
    }

    [Fact]
    public void A_Chinese_name_matches_itself_and_not_another_Chinese_name()
    {
        Assert.Equal(ConfusableSkeleton.Of("张伟"), ConfusableSkeleton.Of("张伟"));
        Assert.NotEqual(ConfusableSkeleton.Of("张伟"), ConfusableSkeleton.Of("李娜"));
    }

    [Fact]
    public void Full_width_letters_share_a_skeleton_with_ascii()
    {
        Assert.Equal(ConfusableSkeleton.Of("paypal"), ConfusableSkeleton.Of("ｐａｙｐａｌ"));
    }

    [Fact]
    public void Rn_and_m_share_a_skeleton()
    {
        Assert.Equal(ConfusableSkeleton.Of("m"), ConfusableSkeleton.Of("rn"));
    }

    [Fact]
    public void The_empty_name_has_the_empty_skeleton()
    {
        Assert.Equal("", ConfusableSkeleton.Of(""));
    }

    [Fact]
    public void A_skeleton_longer_than_the_stack_buffer_is_returned_whole()
    {
        // Each 'm' becomes "rn", so 200 of them need 400 units: more than the first buffer holds, which
        // exercises the U_BUFFER_OVERFLOW_ERROR retry.
        var skeleton = ConfusableSkeleton.Of(new string('m', 200));

        Assert.Equal(string.Concat(Enumerable.Repeat("rn", 200)), skeleton);
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ConfusableSkeleton.Of(null!));
    }

    [Fact]
    public void Many_threads_at_once_get_the_same_skeletons_as_one_thread()
    {
        string[] names = ["paypal", "\u0440\u0430\u0443\u0440\u0430l", "paypa1", "Alice", "Mark", "bob", "张伟", "rn", "m", new string('m', 200)];
        var expected = names.Select(ConfusableSkeleton.Of).ToArray();
        const int Threads = 8;
        const int Rounds = 2_000;

        // Dedicated threads released together, so the calls truly overlap rather than queueing on the pool.
        using var start = new Barrier(Threads);
        var mismatches = 0;
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var round = 0; round < Rounds; round++)
            {
                var i = (round + t) % names.Length;
                if (ConfusableSkeleton.Of(names[i]) != expected[i])
                    Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Equal(0, mismatches);
    }
}
