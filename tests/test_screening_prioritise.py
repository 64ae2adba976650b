"""Prioritised screening: real ranking gains on a Nagtegaal slice, fall-back, determinism, stopping aid, metrics."""
from __future__ import annotations

import math
import types
import warnings

import numpy as np
import pandas as pd
import pytest

from synthesis.screening.prioritise import (
    Prioritiser,
    StoppingAid,
    recall_at,
    replay,
    wss_at,
)
from synthesis.screening.settings import ScreeningError


@pytest.fixture(scope="module")
def nagtegaal(shared_data):
    """The first 500 records of Nagtegaal 2019 with the title/abstract decisions."""
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    df = pd.read_csv(path).iloc[:500]
    units = pd.DataFrame({"group_id": "n" + df["record_id"].astype(str), "title": df["title"],
                          "abstract": df["abstract"]})
    return units, df["label_abstract_screening"].to_numpy()


def _some_decisions(units, labels, seed, n_inc=5, n_exc=20):
    rng = np.random.RandomState(seed)
    inc = rng.choice(np.where(labels == 1)[0], n_inc, replace=False)
    exc = rng.choice(np.where(labels == 0)[0], n_exc, replace=False)
    keys = units["group_id"].tolist()
    return {keys[i]: "include" for i in inc} | {keys[i]: "exclude" for i in exc}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_held_out_includes_rank_well_above_the_median(nagtegaal, seed):
    units, labels = nagtegaal
    decisions = _some_decisions(units, labels, seed)
    p = Prioritiser(units, seed=seed).fit(decisions)
    assert p.model_ready
    order = p.rank()
    assert len(order) == len(units) - len(decisions) and not set(order) & set(decisions)
    where = {k: i for i, k in enumerate(order)}
    held_out = [where[k] for k, y in zip(units["group_id"], labels) if y == 1 and k not in decisions]
    # random order puts them at 0.5 on average; 25 decisions already move them well forward
    assert np.mean(held_out) / len(order) < 0.4
    assert p.next_key() == order[0]


def test_replay_finds_includes_faster_than_random(nagtegaal):
    units, labels = nagtegaal
    units, labels = units.iloc[:300].reset_index(drop=True), labels[:300]
    priors = [int(np.where(labels == 1)[0][0]), int(np.where(labels == 0)[0][0])]
    order = replay(units, labels, priors, seed=3)
    assert order[:2] == priors and sorted(order) == list(range(len(units)))
    assert recall_at(labels[order], 0.25) > 0.4      # random: 0.25
    assert wss_at(labels[order]) > 0.1               # random: about 0


def test_same_seed_same_order_and_scores(nagtegaal):
    units, labels = nagtegaal
    decisions = _some_decisions(units, labels, 5)
    a = Prioritiser(units, seed=11).fit(decisions)
    b = Prioritiser(units, seed=11).fit(dict(decisions))
    assert a.rank() == b.rank()
    assert np.array_equal(a.scores().to_numpy(), b.scores().to_numpy())
    # before training, the seed alone sets the order, and another seed gives another order
    few = units.iloc[:60]
    assert Prioritiser(few, seed=11).rank() == Prioritiser(few, seed=11).rank()
    assert Prioritiser(few, seed=11).rank() != Prioritiser(few, seed=12).rank()


def test_fallback_until_one_include_and_one_exclude(nagtegaal):
    units, labels = nagtegaal
    keys = units["group_id"].tolist()
    p = Prioritiser(units, fallback="original")
    assert p.rank() == keys and p.next_key() == keys[0] and not p.model_ready
    only_excludes = {keys[0]: "exclude", keys[1]: "exclude"}
    assert p.fit(only_excludes).rank() == keys[2:] and not p.model_ready
    assert math.isnan(p.stopping_aid().estimated_includes_left)
    assert p.scores().isna().all()
    seeded = Prioritiser(units, seed=4)
    expected = [k for k in seeded.rank() if k != keys[5]]
    assert seeded.fit({keys[5]: "include"}).rank() == expected and not seeded.model_ready
    first_include = keys[int(np.where(labels == 1)[0][0])]
    assert p.fit(only_excludes | {first_include: "include"}).model_ready
    assert p.rank() != [k for k in keys if k not in (keys[0], keys[1], first_include)]


def test_stopping_aid_numbers_add_up(nagtegaal):
    units, labels = nagtegaal
    keys = units["group_id"].tolist()
    inc = [keys[i] for i in np.where(labels == 1)[0][:3]]
    exc = [keys[i] for i in np.where(labels == 0)[0][:6]]
    # in decision order: include, 2 excludes, include, 3 excludes, maybe, include, 1 exclude
    sequence = [(inc[0], "include"), (exc[0], "exclude"), (exc[1], "exclude"), (inc[1], "include"),
                (exc[2], "exclude"), (exc[3], "exclude"), (exc[4], "exclude"), (keys[-1], "maybe"),
                (inc[2], "include"), (exc[5], "exclude")]
    p = Prioritiser(units, window=4)
    aid = p.stopping_aid(dict(sequence))
    assert isinstance(aid, StoppingAid)
    assert aid.screened == 10 and aid.included == 3 and aid.unscreened == len(units) - 10
    assert aid.since_last_include == 1
    assert aid.recent_include_rate == pytest.approx(1 / 4)    # maybe, include, exclude + the exclude before
    assert aid.model_ready and len(p.rank()) == aid.unscreened
    assert math.isnan(aid.estimated_includes_left)            # no decisions in prioritised order yet
    assert set(aid.as_dict()) >= {"since_last_include", "estimated_includes_left"}
    assert Prioritiser(units).stopping_aid({}).since_last_include == 0


def _estimate_after(units, keys_inc, keys_exc, pattern):
    """Decide one by one (fit after each) following ``pattern`` (1 include, 0 exclude); the final aid."""
    p = Prioritiser(units, retrain_every=10**6)  # train once: the estimate only needs the decision order
    decisions = {keys_inc[0]: "include", keys_exc[0]: "exclude"}
    p.fit(decisions)
    it_inc, it_exc = iter(keys_inc[1:]), iter(keys_exc[1:])
    for y in pattern:
        decisions[next(it_inc) if y else next(it_exc)] = "include" if y else "exclude"
        p.fit(decisions)
    return p.stopping_aid()


def test_estimated_includes_left_follows_the_decline(nagtegaal):
    units, labels = nagtegaal
    keys = units["group_id"].tolist()
    keys_inc = [keys[i] for i in np.where(labels == 1)[0]]
    keys_exc = [keys[i] for i in np.where(labels == 0)[0]]
    slow = [1, 0] * 10 + [1, 0, 0, 0] * 5 + [1, 0, 0, 0, 0, 0] * 5    # rate 1/2, then 1/4, then 1/6
    fast = [1] * 10 + [1, 0] * 5 + [0] * 40                           # rate 1, then 1/2, then 0
    a_slow = _estimate_after(units, keys_inc, keys_exc, slow)
    a_fast = _estimate_after(units, keys_inc, keys_exc, fast)
    for a in (a_slow, a_fast):
        assert a.screened + a.unscreened == len(units)
        assert 0 < a.estimated_includes_left < a.unscreened
        assert a.estimated_recall == pytest.approx(a.included / (a.included + a.estimated_includes_left))
    assert a_fast.since_last_include == 41 and a_slow.since_last_include == 5
    # a slowly falling include rate leaves many more includes to find than one that has dried up
    assert a_slow.estimated_includes_left > 5 * a_fast.estimated_includes_left
    # a rate that is not falling gives no estimate rather than a made-up one
    assert math.isnan(_estimate_after(units, keys_inc, keys_exc, [0, 0, 1] * 10).estimated_includes_left)


def test_retrain_every_k_decisions(nagtegaal):
    units, labels = nagtegaal
    keys = units["group_id"].tolist()
    y1, y0 = np.where(labels == 1)[0], np.where(labels == 0)[0]
    decisions = {keys[y1[0]]: "include", keys[y0[0]]: "exclude"}
    p = Prioritiser(units, retrain_every=3, retrain_share=0).fit(decisions)
    assert p.fits == 1 and p.last_fit_seconds >= 0
    for step, i in enumerate(y0[1:7], start=1):
        decisions[keys[i]] = "exclude"
        p.fit(decisions)
        assert p.fits == 1 + step // 3
    p.fit(decisions, force=True)
    assert p.fits == 4


def test_regularisation_weakens_as_includes_accumulate(nagtegaal):
    units, labels = nagtegaal
    keys = units["group_id"].tolist()
    y1, y0 = np.where(labels == 1)[0], np.where(labels == 0)[0]
    few = {keys[i]: "include" for i in y1[:10]} | {keys[i]: "exclude" for i in y0[:100]}
    # up to 10 includes the given C is used as is
    grown = Prioritiser(units, C_growth=0.3).fit(few).scores()
    fixed = Prioritiser(units, C_growth=0).fit(few).scores()
    np.testing.assert_allclose(grown, fixed)
    many = {keys[i]: "include" for i in y1[:40]} | {keys[i]: "exclude" for i in y0[:400]}
    grown = Prioritiser(units, C_growth=0.3).fit(many).scores()
    fixed = Prioritiser(units, C_growth=0).fit(many).scores()
    assert not np.allclose(grown, fixed)
    # 40 includes: C = 0.03 * 4 ** 0.3
    same = Prioritiser(units, C_growth=0, C=0.03 * 4 ** 0.3).fit(many).scores()
    np.testing.assert_allclose(grown, same)
    with pytest.raises(ScreeningError, match="C_growth"):
        Prioritiser(units, C_growth=-1)


def test_title_block_weighs_title_words_more(nagtegaal):
    units, labels = nagtegaal
    plain = Prioritiser(units, title_weight=0)
    weighted = Prioritiser(units)  # default title_weight 0.25: a title-only block beside the joint one
    assert weighted.features.shape[0] == len(units)
    assert weighted.features.shape[1] > plain.features.shape[1]
    np.testing.assert_allclose(np.sqrt(weighted.features.multiply(weighted.features).sum(axis=1)), 1, rtol=1e-5)
    # the same word counts more when it stands in the title than when it stands only in the abstract
    u = pd.DataFrame({"group_id": [1, 2, 3, 4], "title": ["knee", "steel", "knee", "hip"],
                      "abstract": ["pain", "bridge", "hip", "knee"]})
    decided = {1: "include", 2: "exclude"}
    flat = Prioritiser(u, fallback="original", title_weight=0).fit(decided).scores()
    assert flat[3] == pytest.approx(flat[4])
    titled = Prioritiser(u, fallback="original").fit(decided)
    assert titled.scores()[3] > titled.scores()[4] and titled.rank() == [3, 4]
    # the title block changes the scores; weight 0 gives the joint block alone
    decisions = _some_decisions(units, labels, 0)
    assert not np.allclose(plain.fit(decisions).scores(), weighted.fit(decisions).scores())
    with pytest.raises(ScreeningError, match="title_weight"):
        Prioritiser(units, title_weight=-0.5)


def test_replay_can_stop_once_the_reported_numbers_are_fixed(nagtegaal):
    units, labels = nagtegaal
    units, labels = units.iloc[:300].reset_index(drop=True), labels[:300]
    priors = [int(np.where(labels == 1)[0][0]), int(np.where(labels == 0)[0][0])]
    full = replay(units, labels, priors, seed=3)
    short = replay(units, labels, priors, seed=3, stop_at_recall=0.95, screen_at_least=0.5)
    assert sorted(short) == list(range(len(units)))
    assert recall_at(labels[short], 0.5) == recall_at(labels[full], 0.5)
    assert wss_at(labels[short]) == wss_at(labels[full])
    # the first half of the order is the same replay
    assert short[:150] == full[:150]


def test_bad_input_is_named():
    units = pd.DataFrame({"group_id": ["a", "b", "c"], "title": ["knee pain", "steel bridge", "knee brace"], "abstract": None})
    with pytest.raises(ScreeningError, match=r"'b'.*'perhaps'"):
        Prioritiser(units).fit({"a": "include", "b": "perhaps"})
    with pytest.raises(ScreeningError, match="abstract"):
        Prioritiser(units.drop(columns="abstract"))
    with pytest.raises(ScreeningError, match="repeated.*'a'"):
        Prioritiser(pd.concat([units, units.iloc[:1]]))
    p = Prioritiser(units, fallback="original")
    with pytest.warns(UserWarning, match="not in the units table"):
        p.fit({"a": True, "gone": "exclude", "b": 0})
    assert p.unknown_keys == ["gone"] and p.model_ready and p.rank() == ["c"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty = Prioritiser(pd.DataFrame({"group_id": [1, 2], "title": ["", ""], "abstract": ["", ""]}))
        assert empty.fit({1: "include", 2: "exclude"}).rank() == [] and not empty.model_ready


def test_units_whose_every_word_is_in_nearly_every_unit_keep_the_fallback():
    """A handful of near-identical records: max_df prunes every word, and scikit-learn says "no terms remain";
    the order falls back as for units without text, instead of a traceback in the reviewer's notebook."""
    units = pd.DataFrame({"group_id": [f"g{k}" for k in range(20)], "title": ["Exercise and depression"] * 20,
                          "abstract": [""] * 20})
    p = Prioritiser(units).fit({"g0": "include", "g1": "exclude"})
    assert not p.model_ready and len(p.rank()) == 18 and p.next_key() not in ("g0", "g1")


def test_recall_and_wss_on_hand_computed_orders():
    # 10 records, includes at positions 1, 3 and 10 (1-based)
    order = [1, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    assert recall_at(order, 0.10) == pytest.approx(1 / 3)   # 1 record screened
    assert recall_at(order, 0.20) == pytest.approx(1 / 3)   # 2 records
    assert recall_at(order, 0.25) == pytest.approx(2 / 3)   # 2.5 rounds up to 3 records
    assert recall_at(order, 0.50) == pytest.approx(2 / 3)
    assert recall_at(order, 1.0) == 1.0
    # 95 % of 3 includes needs all 3: found at record 10, nothing saved -> 0 - 0.05
    assert wss_at(order) == pytest.approx(-0.05)
    # 20 records, 4 includes, the 4th (ceil(0.95*4) = 4) found at record 5: (20 - 5)/20 - 0.05 = 0.70
    perfect = [1, 1, 0, 1, 1] + [0] * 15
    assert wss_at(perfect) == pytest.approx(0.70)
    # recall 0.5 of 4 needs 2 includes: found at record 2 -> 18/20 - 0.5 = 0.40
    assert wss_at(perfect, recall=0.5) == pytest.approx(0.40)
    with pytest.raises(ValueError, match="no includes"):
        wss_at([0, 0, 0])


def test_next_key_takes_the_widgets_read_only_decisions(nagtegaal):
    units, labels = nagtegaal
    keys = units["group_id"].tolist()
    p = Prioritiser(units)
    decided = {}
    for _ in range(6):  # the widget asks for the next unit and the reviewer decides it
        k = p.next_key(types.MappingProxyType(decided))
        assert k not in decided
        decided[k] = "include" if labels[keys.index(k)] else "exclude"
    first_inc = keys[int(np.where(labels == 1)[0][0])]
    decided.setdefault(first_inc, "include")
    decided.setdefault(keys[int(np.where(labels == 0)[0][0])], "exclude")
    nxt = p.next_key(types.MappingProxyType(decided))
    assert p.model_ready and nxt not in decided
    offered_before = {k for k in decided} | {nxt}
    # the reviewer skips it without deciding: the next call offers the next best, not the same one again
    skipped_to = p.next_key(types.MappingProxyType(decided))
    assert skipped_to != nxt and skipped_to not in offered_before
    ranked = p.rank()
    assert ranked.index(nxt) < ranked.index(skipped_to)
    everything = {k: "exclude" for k in keys}
    assert p.next_key(everything) is None


def test_rank_average_is_the_mean_of_the_two_ranks():
    """A pair of models ranks a unit by the mean of its ranks (ties share theirs), scaled to [0, 1]."""
    from synthesis.screening.prioritise import _RankAverage

    class Fixed:
        def __init__(self, scores):
            self.s = np.asarray(scores, dtype=float)

        def decision_function(self, X):
            return self.s

    pair = _RankAverage([Fixed([0.9, 0.1, 0.5, 0.5]), Fixed([-3.0, 2.0, 1.0, 0.0])])
    # ranks 4, 1, 2.5, 2.5 and 1, 4, 3, 2: means 2.5, 2.5, 2.75, 2.25; minus 1, over n - 1 = 3
    assert np.allclose(pair.scores(np.zeros((4, 1))), [0.5, 0.5, 1.75 / 3, 1.25 / 3])


def test_embeddings_add_a_second_ranking(nagtegaal):
    units, labels = nagtegaal
    decisions = _some_decisions(units, labels, 0)
    rng = np.random.RandomState(0)
    vectors = rng.normal(size=(len(units), 8))
    vectors[:, 0] += 3 * labels  # a direction that tells includes apart
    plain = Prioritiser(units, seed=1).fit(decisions).scores()
    both = Prioritiser(units, seed=1, embeddings=vectors).fit(decisions).scores()
    assert both.between(0, 1).all() and not np.allclose(plain.rank(), both.rank())
    undecided = ~units["group_id"].isin(list(decisions)).to_numpy()
    # the informative vectors lift the includes' mean rank
    gain = lambda s: s.rank().to_numpy()[undecided & (labels == 1)].mean()  # noqa: E731
    assert gain(both) > gain(plain)
    with pytest.raises(ScreeningError, match="one row per unit"):
        Prioritiser(units, embeddings=vectors[:-1])
    vectors[3, 2] = np.nan
    with pytest.raises(ScreeningError, match=f"unit '{units['group_id'][3]}'"):
        Prioritiser(units, embeddings=vectors)


def test_keywords_and_character_blocks_add_columns(nagtegaal):
    units, _ = nagtegaal
    base = Prioritiser(units).features.shape[1]
    with_kw = units.assign(keywords=["anticoagulants; Venous Thrombosis"] * 10 + [""] * (len(units) - 10))
    assert Prioritiser(with_kw, keywords_weight=0.25).features.shape[1] > base
    assert Prioritiser(with_kw).features.shape[1] == base  # off by default
    assert Prioritiser(units, char_ngrams=(3, 5), char_on="title").features.shape[1] > base
    with pytest.raises(ScreeningError, match="char_ngrams"):
        Prioritiser(units, char_ngrams=(5, 3))


def test_adaptive_choice_is_credited_and_deterministic(nagtegaal):
    """Each unit handed out is credited to the ranking that chose it; the same seed gives the same order."""
    units, labels = nagtegaal
    rng = np.random.RandomState(0)
    vectors = rng.normal(size=(len(units), 8))
    vectors[:, 0] += 3 * labels
    runs = []
    for _ in range(2):
        seen = {}

        def keep(p, n):
            seen["p"] = p

        order = replay(units, labels, [int(np.flatnonzero(labels)[0]), 0], stop_when_all_found=False,
                       embeddings=vectors, adaptive=True, seed=5, on_step=keep)
        runs.append(order)
    p = seen["p"]
    picks = (p._picked_by >= 0).sum()
    credited = len(p._arm_log[0]) + len(p._arm_log[1])
    assert picks > 100 and credited == picks  # every chosen unit was decided and counted once
    assert len(p._arm_log[0]) > 0 and len(p._arm_log[1]) > 0  # both rankings got to choose
    assert sum(p._arm_log[0]) + sum(p._arm_log[1]) == labels[p._picked_by >= 0].sum()
    assert runs[0] == runs[1]


def test_adaptive_and_second_model_options_are_checked(nagtegaal):
    units, _ = nagtegaal
    with pytest.raises(ScreeningError, match="adaptive=True chooses between two rankings"):
        Prioritiser(units, adaptive=True)
    with pytest.raises(ScreeningError, match="give one of them"):
        Prioritiser(units, embeddings=np.ones((len(units), 2)), char_ngrams=(3, 5), char_mode="rank")


@pytest.mark.parametrize("options", [{}, {"char_ngrams": (3, 5), "char_on": "title", "char_mode": "rank"}])
def test_a_retraining_does_not_sort_the_feature_matrix_again(nagtegaal, options, monkeypatch):
    """scikit-learn sorts the rows it is trained on; the matrix is sorted once when the prioritiser is made, so
    no retraining pays for that sort again (it was a quarter of a retraining with 5,000 decisions)."""
    from scipy.sparse._compressed import _cs_matrix

    units, labels = nagtegaal
    p = Prioritiser(units, seed=1, **options)
    assert p.features.has_sorted_indices
    sorts = []
    real_sort = _cs_matrix.sort_indices
    monkeypatch.setattr(_cs_matrix, "sort_indices", lambda self: (sorts.append(self.shape), real_sort(self))[1])
    p.fit(_some_decisions(units, labels, seed=0), force=True)
    assert p.model_ready and sorts == []


def test_a_review_in_chinese_is_ranked_by_its_words():
    """CNKI and Wanfang write titles and abstracts without spaces: TF-IDF read each whole title as one word, so a
    Chinese review had nothing to learn from and was screened in the fall-back order. Its words are read as pairs
    of characters: after one include on diabetes care and one exclude, the five other diabetes papers come in the
    first half of the eighteen left (papers sharing other words with the include, "影响因素", come among them)."""
    diabetes = ["2型糖尿病患者自我管理行为的影响因素研究", "社区糖尿病患者血糖控制与饮食干预效果分析",
                "糖尿病足溃疡患者的护理进展", "基于微信平台的糖尿病健康教育对血糖的影响",
                "妊娠期糖尿病孕妇运动干预的随机对照试验", "老年糖尿病患者低血糖发生的危险因素"]
    other = ["老年高血压患者服药依从性的调查分析", "髋部骨折术后早期康复训练的效果观察", "脑卒中偏瘫患者肢体功能康复研究",
             "慢性阻塞性肺疾病患者呼吸功能锻炼效果", "小儿肺炎支原体感染的临床特征分析", "乳腺癌术后患者生活质量调查",
             "急性心肌梗死患者介入治疗后的护理", "肝硬化患者营养状况评估", "剖宫产术后产妇疼痛管理研究",
             "手术室护士职业倦怠现状调查", "儿童哮喘吸入治疗依从性分析", "慢性肾脏病患者透析充分性研究",
             "肺结核患者治疗依从性的影响因素", "精神分裂症患者社会功能康复"]
    units = pd.DataFrame({"group_id": [f"c{k}" for k in range(20)], "title": diabetes + other, "abstract": ""})
    p = Prioritiser(units, seed=1)
    p.fit({"c0": "include", "c6": "exclude"})
    assert p.model_ready
    order = p.rank()
    assert {f"c{k}" for k in range(1, 6)} <= set(order[:9]), order  # the five diabetes papers in the first half


def test_includes_without_an_abstract_are_ranked_by_their_titles(shared_data):
    # Nagtegaal 2019 (title/abstract labels): 169 of 2,019 records have no abstract, 9 of them includes.
    # A model fitted on titles with abstracts left those at three quarters of the way down the order.
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    df = pd.read_csv(path)
    units = pd.DataFrame({"group_id": "n" + df["record_id"].astype(str), "title": df["title"],
                          "abstract": df["abstract"]})
    labels = df["label_abstract_screening"].to_numpy()
    no_abstract = units["abstract"].fillna("").str.strip().eq("").to_numpy()
    medians = {True: [], False: []}
    others = {True: [], False: []}
    for seed in range(4):
        rows = np.random.RandomState(seed).choice(len(units), 200, replace=False)  # a tenth screened
        decided = {units["group_id"][i]: ("include" if labels[i] else "exclude") for i in rows}
        for by_title in (True, False):
            order = Prioritiser(units, seed=seed, no_abstract_by_title=by_title).fit(decided).rank()
            share = {k: i / len(order) for i, k in enumerate(order)}
            medians[by_title].append(np.median([share[k] for k, a, y in zip(units["group_id"], no_abstract, labels)
                                                if a and y and k in share]))
            others[by_title].append(np.median([share[k] for k, a, y in zip(units["group_id"], no_abstract, labels)
                                               if not a and y and k in share]))
    assert np.mean(medians[False]) > 0.7  # the problem: near the tail
    assert np.mean(medians[True]) < np.mean(medians[False]) - 0.2
    # the includes with an abstract keep their places
    assert np.allclose(others[True], others[False], atol=0.01)


def test_titles_alone_are_used_only_when_some_units_have_an_abstract_and_some_none():
    u = pd.DataFrame({"group_id": [1, 2, 3, 4], "title": ["knee pain", "steel bridge", "knee ache", "iron"],
                      "abstract": ["exercise trial", "", "", "corrosion"]})
    decided = {1: "include", 2: "exclude"}
    mixed = Prioritiser(u, fallback="original").fit(decided)
    assert mixed._no_abstract.tolist() == [False, True, True, False]
    # scores are then shares of the units outranked (under the title model for units 2 and 3)
    assert mixed.scores().between(0, 1).all() and mixed.rank() == [3, 4]
    for abstracts in (["a", "b", "c", "d"], ["", "", " ", None]):
        same = u.assign(abstract=abstracts)
        on = Prioritiser(same, fallback="original").fit(decided).scores()
        off = Prioritiser(same, fallback="original", no_abstract_by_title=False).fit(decided).scores()
        pd.testing.assert_series_equal(on, off)
