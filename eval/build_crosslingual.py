"""Build eval/crosslingual.jsonl: Chinese questions answered by one English passage, and the reverse.

    python eval/build_crosslingual.py

The passages are short synthetic research notes written for this set (figures illustrative, not
market data). Each passage is its own document; each item's context holds its passage, and
`cited eval retrieval eval/crosslingual.jsonl --with-notes` indexes all of them together with the
bilingual demo notes, then asks every question against the whole index.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from assistant.evals.dataset import ContextDoc, EvalItem, write_items  # noqa: E402

# (id, title, text, [(question in the other language, answer alternatives)])
EN: list[tuple[str, str, str, list[tuple[str, list[str]]]]] = [
    (
        "xl-copper-grid",
        "Copper: the grid becomes the marginal buyer",
        "Grid investment is becoming the largest new source of copper demand. A kilometre of high-voltage "
        "transmission "
        "line uses several tonnes of copper, and utilities in the US and Europe plan to double annual grid "
        "spending by "
        "2030. Mine supply grows slowly because new projects take 10 to 15 years from discovery to first "
        "output.",
        [
            ("电网投资为什么会推高铜的需求？", ["copper", "铜"]),
            ("新铜矿从发现到投产一般需要多少年？", ["10 to 15", "10到15"]),
        ],
    ),
    (
        "xl-muni-bonds",
        "Municipal bonds: the value of the tax exemption",
        "US municipal bonds pay interest that is usually exempt from federal income tax, which makes their "
        "after-tax "
        "yield attractive for investors in high tax brackets. A 3.5% tax-exempt yield equals about 5.9% "
        "taxable for an "
        "investor in the 40.8% bracket. Defaults are rare and concentrated in project-finance deals such as "
        "hospitals "
        "and stadiums.",
        [
            ("美国市政债券的利息通常免缴哪种税？", ["federal income tax", "联邦所得税"]),
            ("市政债券的违约主要集中在哪类项目？", ["hospitals", "医院"]),
        ],
    ),
    (
        "xl-gold-central-banks",
        "Gold: central banks set the floor",
        "Central banks have bought more than 1,000 tonnes of gold a year for three years running, led by "
        "emerging-market "
        "reserve managers diversifying away from the dollar. That buying has made gold less sensitive to "
        "real interest "
        "rates than it was before 2022.",
        [
            ("各国央行已经连续几年每年购买超过1000吨黄金？", ["three", "三"]),
            ("央行购金使黄金对什么变量不再那么敏感？", ["real interest rates", "实际利率"]),
        ],
    ),
    (
        "xl-opec-spare",
        "Oil: what OPEC+ spare capacity means for prices",
        "OPEC+ holds about 5 million barrels a day of spare production capacity, most of it in Saudi Arabia "
        "and the "
        "United Arab Emirates. Large spare capacity caps price spikes after supply disruptions, but it also "
        "signals "
        "that the group could add barrels if it decides to defend market share.",
        [
            ("欧佩克+的闲置产能大约有多少？", ["5 million barrels", "500万桶"]),
            ("欧佩克+的闲置产能主要集中在哪些国家？", ["Saudi Arabia", "沙特"]),
        ],
    ),
    (
        "xl-chip-capex",
        "Semiconductors: the capex cycle and the AI exception",
        "Chipmakers' capital spending follows a cycle of roughly four years: shortages lead to heavy "
        "investment, new "
        "fabs arrive at once, and prices fall. Spending on equipment for AI accelerators broke the pattern "
        "in 2024 and "
        "2025, with advanced packaging capacity the tightest bottleneck.",
        [
            ("半导体资本开支的周期大约多长？", ["four years", "四年"]),
            ("AI加速器供应链中最紧张的瓶颈环节是什么？", ["advanced packaging", "先进封装"]),
        ],
    ),
    (
        "xl-housing-lockin",
        "US housing: the mortgage lock-in effect",
        "About 80% of US mortgage holders have a rate below 6%, and many refuse to sell because a new loan "
        "would cost "
        "far more. This lock-in effect keeps existing-home sales near 30-year lows while supporting prices, "
        "because few "
        "homes come to market.",
        [
            ("美国大约多大比例的房贷持有人利率低于6%？", ["80%"]),
            ("房贷利率锁定效应对美国成屋销售有什么影响？", ["30-year lows", "30年低位"]),
        ],
    ),
    (
        "xl-private-credit",
        "Private credit: growth and the first signs of stress",
        "Private credit funds now manage about 1.7 trillion dollars, lending directly to mid-sized "
        "companies that once "
        "borrowed from banks. Loans are mostly floating-rate and held to maturity, so losses show up "
        "slowly; watchers "
        "focus on payment-in-kind interest as an early sign of stress.",
        [
            ("私募信贷基金目前管理的资产规模大约是多少？", ["1.7 trillion", "1.7万亿"]),
            ("观察私募信贷压力的早期信号是什么？", ["payment-in-kind", "实物支付"]),
        ],
    ),
    (
        "xl-red-sea-shipping",
        "Shipping: the Red Sea detour",
        "Attacks in the Red Sea forced container ships to sail around the Cape of Good Hope, adding 10 to "
        "14 days to an "
        "Asia-Europe voyage. Freight rates more than doubled, but the extra sailing time also absorbed the "
        "surplus of new "
        "vessels delivered in 2024.",
        [
            ("绕行好望角让亚欧航线的航程增加了多少天？", ["10 to 14", "10到14"]),
            ("红海危机期间集装箱运价涨了多少？", ["more than doubled", "翻倍"]),
        ],
    ),
    (
        "xl-japan-governance",
        "Japan: the push to trade above book value",
        "The Tokyo Stock Exchange asked companies trading below book value to publish plans to raise "
        "returns. Buybacks "
        "by Japanese firms reached record levels, and the share of Topix companies trading below a "
        "price-to-book ratio "
        "of 1 fell from about half to around 40%.",
        [
            ("东京证券交易所要求哪些公司公布提高资本回报的计划？", ["below book value", "低于账面价值"]),
            ("市净率低于1倍的东证指数成分公司占比降到了多少？", ["40%"]),
        ],
    ),
    (
        "xl-em-dollar-debt",
        "Emerging markets: why a strong dollar hurts twice",
        "Emerging-market governments with large dollar debts are hurt twice when the dollar strengthens: "
        "their "
        "currencies fall and their debt service rises in local terms. Countries that borrow mostly in their "
        "own "
        "currency, such as Indonesia and Mexico, have proved more resilient.",
        [
            ("美元走强时，美元债务较多的新兴市场国家会受到哪两方面的冲击？", ["currencies fall", "货币贬值"]),
            ("哪些国家主要以本币借债，因而更有韧性？", ["Indonesia", "印度尼西亚", "印尼"]),
        ],
    ),
    (
        "xl-cat-bonds",
        "Catastrophe bonds: insurance risk as an asset class",
        "Catastrophe bonds transfer hurricane and earthquake risk from insurers to investors, paying "
        "spreads of around "
        "8 to 10 percentage points over Treasury bills. Their returns have little correlation with stocks "
        "and bonds, "
        "because losses depend on natural disasters rather than the economy.",
        [
            ("巨灾债券相对国库券的利差大约是多少？", ["8 to 10", "8到10"]),
            ("巨灾债券为什么与股票和债券的相关性很低？", ["natural disasters", "自然灾害"]),
        ],
    ),
]

ZH: list[tuple[str, str, str, list[tuple[str, list[str]]]]] = [
    (
        "xl-nev-exports",
        "新能源汽车出口：欧洲关税与海外建厂",
        "2025年中国新能源汽车出口量同比增长约40%，欧洲和东南亚是主要目的地。欧盟对中国产电动车加征反补贴税后"
        "，多家车企转向在匈牙利"
        "和泰国建厂，以本地生产规避关税。",
        [
            ("By how much did China's new-energy vehicle exports grow in 2025?", ["40%"]),
            ("Where are Chinese carmakers building plants to get around EU tariffs?", ["匈牙利", "Hungary"]),
        ],
    ),
    (
        "xl-a-share-dividends",
        "A股分红新规：不分红将被风险警示",
        "新规要求连续多年不分红或分红比例过低的上市公司被实施风险警示，以此引导企业提高现金分红。沪深两市202"
        "4年现金分红总额超过2.4万亿"
        "元，创历史新高。",
        [
            (
                "What happens to listed companies that pay no or too little dividends under the new rules?",
                ["风险警示"],
            ),
            (
                "How much did Shanghai and Shenzhen listed companies pay in cash dividends in 2024?",
                ["2.4万亿"],
            ),
        ],
    ),
    (
        "xl-yuan-fixing",
        "人民币中间价：报价机制与逆周期调节",
        "人民币兑美元中间价由报价行提交，并通过逆周期因子平滑波动。央行在汇率承压时通常会设定强于市场预期的"
        "中间价，以稳定市场预期。",
        [
            ("How is the yuan's daily central parity rate against the dollar set?", ["报价行", "逆周期因子"]),
            (
                "What does the central bank do with the yuan fixing when the currency is under pressure?",
                ["强于市场预期"],
            ),
        ],
    ),
    (
        "xl-special-bonds",
        "地方政府专项债：投向与偿还来源",
        "地方政府专项债券主要投向交通、市政和产业园区等有收益的项目，还本付息依靠项目自身收入。2025年新增专"
        "项债额度为4.4万亿元，部分资金"
        "被允许用于收购存量商品房。",
        [
            ("What is the 2025 quota for new local government special-purpose bonds?", ["4.4万亿"]),
            ("What repays local government special-purpose bonds?", ["项目自身收入"]),
        ],
    ),
    (
        "xl-solar-overcapacity",
        "光伏：产能过剩与价格下跌",
        "光伏产业链各环节产能已超过全球需求的两倍，多晶硅价格较高点下跌超过八成。行业协会推动减产和限价，但"
        "落后产能的退出仍需要时间。",
        [
            ("How far have polysilicon prices fallen from their peak?", ["八成"]),
            ("How large is solar manufacturing capacity compared with global demand?", ["两倍"]),
        ],
    ),
    (
        "xl-baijiu",
        "白酒：批发价回落与消费场景变化",
        "高端白酒的批发价在2025年持续回落，经销商库存偏高。消费场景从商务宴请转向家庭消费，厂商开始推出小瓶"
        "装和低度产品以吸引年轻"
        "消费者。",
        [
            ("What are baijiu makers launching to attract younger consumers?", ["小瓶装", "低度"]),
            ("Baijiu consumption has shifted from business banquets to what?", ["家庭消费"]),
        ],
    ),
    (
        "xl-southbound",
        "港股通南向资金：净流入创新高",
        "港股通南向资金2025年净流入超过1万亿港元，创开通以来新高。内地投资者偏好高股息的银行、电信和能源股，"
        "同时也加仓了互联网龙头。",
        [
            ("How large were net southbound Stock Connect inflows into Hong Kong in 2025?", ["1万亿港元"]),
            ("Which Hong Kong sectors do mainland investors prefer?", ["银行", "电信"]),
        ],
    ),
    (
        "xl-cgb-yield",
        "中国国债收益率：长端利率的历史低位",
        "中国10年期国债收益率降至约1.7%的历史低位，期限利差收窄。银行和保险机构对长期限债券需求旺盛，央行多"
        "次提示长债利率过快下行的风险。",
        [
            ("Where has China's 10-year government bond yield fallen to?", ["1.7%"]),
            ("Who has warned that long-term bond yields are falling too fast?", ["央行"]),
        ],
    ),
    (
        "xl-hog-cycle",
        "生猪周期：从扩栏到去产能",
        "生猪价格呈现约三到四年的周期：价格上涨促使养殖户扩栏，供给增加后价格回落，亏损又导致产能去化。能繁"
        "母猪存栏量是预判猪价的先行"
        "指标。",
        [
            ("How long is the hog price cycle?", ["三到四年"]),
            ("Which leading indicator helps predict hog prices?", ["能繁母猪存栏量"]),
        ],
    ),
    (
        "xl-rare-earths",
        "稀土：出口管制与产能集中度",
        "中国对部分中重稀土及相关技术实施出口许可管理。中国占全球稀土冶炼分离产能的约九成，海外新建产能至少"
        "需要五年以上。",
        [
            ("What share of global rare-earth refining capacity does China hold?", ["九成"]),
            ("How long would new rare-earth processing capacity outside China take to build?", ["五年"]),
        ],
    ),
    (
        "xl-insurance-equity",
        "保险资金入市：提高权益配置比例",
        "监管部门鼓励保险资金提高权益投资比例，并扩大长期股票投资试点。保险公司的负债久期长，适合作为资本市"
        "场的长期资金，但需要控制偿付"
        "能力的波动。",
        [
            ("What are regulators encouraging insurance funds to increase?", ["权益投资比例"]),
            ("Why are insurance funds suited to be long-term investors in the stock market?", ["负债久期长"]),
        ],
    ),
]


def build() -> list[EvalItem]:
    items: list[EvalItem] = []
    for passages, q_lang, direction in ((EN, "zh", "zh->en"), (ZH, "en", "en->zh")):
        p_lang = "en" if q_lang == "zh" else "zh"
        for doc_id, title, text, questions in passages:
            ctx = ContextDoc(id=doc_id, doc_id=doc_id, title=title, text=text, lang=p_lang)
            for n, (question, answers) in enumerate(questions, 1):
                items.append(
                    EvalItem(
                        id=f"{doc_id}-q{n}",
                        question=question,
                        lang=q_lang,
                        answer=answers,
                        answer_type="text",
                        category=direction,
                        context=[ctx],
                        expected_chunks=[doc_id],
                        expected_sources=[doc_id],
                        meta={"source": "written for Cited (synthetic passage)"},
                    )
                )
    return items


if __name__ == "__main__":
    n = write_items(build(), HERE / "crosslingual.jsonl")
    print(f"wrote eval/crosslingual.jsonl: {n} items")
