"""Special-disease names in the presets: set where the seed names the disease (in its words), absent where not."""

from __future__ import annotations

import pytest

from windowdesk.adapters.policy_presets import load_policy


@pytest.mark.parametrize("preset, names", [
    # 将分裂情感障碍、偏执性精神障碍、癫痫所致精神障碍、严重精神发育迟滞所致的精神障碍等重性精神病药物维持治疗
    # 及糖尿病胰岛素治疗、尿毒症透析治疗等6种病种纳入特殊病种目录
    ("longgang-2022", {"F25": "分裂情感障碍", "F22": "偏执性精神障碍", "F06": "癫痫所致精神障碍",
                       "F72": "严重精神发育迟滞所致的精神障碍", "E10": "糖尿病胰岛素治疗", "E11": "糖尿病胰岛素治疗",
                       "N18": "尿毒症透析治疗"}),
    # 推進高血壓、糖尿病等門診慢性病: the other listed prefixes are the preset's own, unnamed
    ("dezhou-2020", {"I10": "高血压", "I11": "高血压", "E10": "糖尿病", "E11": "糖尿病"}),
    # 重点做好高血压、糖尿病、结核病和严重精神障碍等慢性病患者的规范管理; ……终末期肾病等9种病种专项救治
    ("huolinguole-2019", {"I10": "高血压", "E10": "糖尿病", "E11": "糖尿病", "A15": "结核病", "F20": "严重精神障碍",
                          "N18": "终末期肾病"}),
    ("fusong-2019", {}),  # 慢病门诊 without a list
    ("linan-2024", {}),  # 完善门诊慢性病、特殊病种管理 without a list
])
def test_the_disease_names_are_the_seeds(preset, names):
    benefit = load_policy(preset).basic.outpatient_special
    assert dict(benefit.disease_names) == names
    assert set(names) <= set(benefit.diseases)
