"""Suggested codes (synthesis.coding.suggest) for studies written in Chinese."""
from __future__ import annotations

from synthesis.coding.suggest import CodeSuggester


def test_codes_are_suggested_from_the_words_of_a_chinese_study():
    """A study from CNKI has no spaces between its words: TF-IDF read each title as one word, shared by no other
    study, so every code was as likely as its share of the coded studies. Read as pairs of characters, a new
    study on diabetes care gets the code its diabetes studies were given first."""
    texts = ["2型糖尿病患者自我管理行为研究", "社区糖尿病患者饮食干预效果", "糖尿病足溃疡护理进展",
             "脑卒中偏瘫患者肢体康复训练", "脑卒中后吞咽障碍早期干预", "急性脑卒中患者溶栓治疗护理",
             "老年高血压患者服药依从性", "妊娠期高血压疾病管理"]
    codes = [{"diabetes"}] * 3 + [{"stroke"}] * 3 + [{"hypertension"}] * 2
    suggester = CodeSuggester().fit(texts, codes)
    assert suggester.rank("老年糖尿病患者低血糖的护理")[0][0] == "diabetes"
    assert suggester.rank("脑卒中患者的家庭康复")[0][0] == "stroke"
    assert suggester.rank("Insulin and sleep")  # other texts as before: a ranking of every code
