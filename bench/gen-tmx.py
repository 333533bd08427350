#!/usr/bin/python3
# gen-tmx.py -- write a large, realistic French <-> Chinese TMX 1.4b file for
# the import benchmark (bench/import.sh).  Never run by make check.
#
# Usage: gen-tmx.py SIZE_MB OUTPUT.tmx [SEED]
#
# Method.  Each unit recombines one to three sentence pairs taken from the
# demo article on Beijing's AI sector (the French of the article, Chinese
# translations written for tmgloss), with their numbers varied: years,
# counts, percentages and capacities are drawn at random, and the first
# sentence of unit i carries a number derived from i, so no two units have
# the same content and the importer's duplicate check finds nothing to
# merge.  French numbers are grouped with a space ("8 620"), Chinese ones
# are not.  Four units in five go French -> Chinese, one in five Chinese ->
# French (srclang on the <tu>).  About one unit in eight has inline codes
# (<bpt>/<ept> around a name, or a <ph>), three in ten a <prop> on the <tu>,
# one in twenty a <note>, one in twenty a <prop> on a <tuv>; every unit has
# tuid, creationdate and creationid, one in four a changedate/changeid.
# The file is written until it reaches SIZE_MB megabytes (10^6 bytes); the
# same SEED gives the same file.
import random
import sys

# (French, Chinese) sentence templates.  Slots: {y} year, {n} a count,
# {p} a percentage, {k} a second count.
SENTENCES = [
    ("En {y}, Beijing compte plus de {n} entreprises dans le secteur de "
     "l'intelligence artificielle.",
     "{y}年，北京人工智能企业超过{n}家。"),
    ("La valeur de son secteur clé s'élève à près de {n} milliards de yuans.",
     "其核心产业规模接近{n}亿元。"),
    ("Beijing abrite {n} laboratoires clés nationaux, concentrant plus de "
     "{p} % des talents de haut niveau à l'échelle nationale.",
     "北京拥有{n}家全国重点实验室，汇聚了全国{p}%以上的高端人才。"),
    ("La ville a mis en place une première série de {n} laboratoires "
     "municipaux spécialisés dans l'intelligence artificielle.",
     "北京首批布局了{n}家人工智能领域的市级专业实验室。"),
    ("Beijing a mis en place {n} nouveaux instituts de recherche dédiés à "
     "l'intelligence artificielle.",
     "北京新建了{n}家人工智能新型研发机构。"),
    ("Ces instituts ont produit {n} résultats innovants à l'échelle "
     "internationale.",
     "这些研究院取得了{n}项具有国际影响的创新成果。"),
    ("Beijing a enregistré et publié officiellement {n} grands modèles "
     "d'IA, se classant au premier rang national.",
     "北京已有{n}个大模型完成备案并正式上线，数量居全国首位。"),
    ("En {y}, la ville a ajouté {n} P de puissance de calcul, atteignant une "
     "capacité totale dépassant {k} P.",
     "{y}年，北京新增算力{n}P，算力总规模超过{k}P。"),
    ("La plateforme municipale compte plus de {n} jeux de données "
     "génériques et sectoriels.",
     "市级数据平台汇集了{n}个以上的通用及行业数据集。"),
    ("Ces données représentent un volume de plus de {n} téraoctets.",
     "这些数据总量超过{n}TB。"),
    ("Le premier serveur ultra-nœud de {n} cartes en Chine anticipe les "
     "besoins futurs.",
     "国内首个{n}卡超节点服务器面向未来需求进行了布局。"),
    ("La ville s'affirme ainsi comme la capitale de l'intelligence "
     "artificielle, avec {p} % du total national.",
     "北京由此确立了人工智能之都的地位，占全国总量的{p}%。"),
    ("Pour soutenir cette dynamique, Beijing a publié {n} plans de mise en "
     "œuvre pour les infrastructures de calcul.",
     "为支撑这一发展势头，北京发布了{n}项算力基础设施建设实施方案。"),
    ("Beijing accélérera la construction d'un pôle mondial de l'innovation "
     "d'ici {y}.",
     "到{y}年，北京将加快建设全球人工智能创新高地。"),
    ("La ville développera l'intelligence incarnée et l'IA appliquée à la "
     "santé dans {n} districts.",
     "北京将在{n}个区发展具身智能和AI+医疗健康。"),
    ("Elle intensifiera le développement des puces photoniques, avec {n} "
     "projets en {y}.",
     "{y}年，北京将加快光子芯片研发，推进{n}个项目。"),
    ("Beijing continuera de promouvoir l'intégration des données dans {n} "
     "secteurs industriels.",
     "北京将继续推动数据与{n}个行业的融合应用。"),
    ("Les grands modèles seront déployés dans {p} % des entreprises de la "
     "ville.",
     "全市{p}%的企业将部署大模型应用。"),
]

WITH_COUNT = [pair for pair in SENTENCES if "{n}" in pair[0]]
NAMES = [("Beijing", "北京"), ("Emu", "Emu"), ("CCI 4.0", "CCI 4.0")]
TRANSLATORS = ["l.martin", "wang.fang", "c.dubois", "zhang.wei", "a.bernard",
               "li.na"]
PROJECTS = ["beijing-ia-2024", "capitale-ia", "calcul-2025", "donnees-ia"]
NOTES = ["Chiffre vérifié dans le rapport annuel.",
         "Terminologie validée par le client.",
         "À relire : nombre arrondi."]


def group_fr(n):
    """French digit grouping with a space: 8620 -> '8 620'."""
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return " ".join(parts)


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fill(rng, template_pair, first_n):
    y = rng.randint(2015, 2035)
    n = first_n if first_n is not None else rng.randint(2, 99999)
    p = rng.randint(5, 95)
    k = rng.randint(1000, 999999)
    fr, zh = template_pair
    return (escape(fr.format(y=y, n=group_fr(n), p=p, k=group_fr(k))),
            escape(zh.format(y=y, n=n, p=p, k=k)))


def add_inline(rng, fr, zh):
    """Bold a name present in both texts, else end both with a <ph>."""
    for name_fr, name_zh in NAMES:
        if name_fr in fr and name_zh in zh:
            b = ('<bpt i="1" type="bold">&lt;b&gt;</bpt>%s'
                 '<ept i="1">&lt;/b&gt;</ept>')
            return (fr.replace(name_fr, b % name_fr, 1),
                    zh.replace(name_zh, b % name_zh, 1))
    ph = ' <ph x="1" type="x-fn">&lt;fn id=&quot;%d&quot;/&gt;</ph>' % \
        rng.randint(1, 99)
    return fr + ph, zh + ph


def date(i):
    # 2024-01-01 plus i minutes, as YYYYMMDDThhmmssZ (days kept in 1..28)
    minutes = i % (60 * 24 * 28 * 12)
    month, rest = divmod(minutes, 60 * 24 * 28)
    day, rest = divmod(rest, 60 * 24)
    hour, minute = divmod(rest, 60)
    return "2024%02d%02dT%02d%02d00Z" % (month + 1, day + 1, hour, minute)


def unit(rng, i):
    count = rng.choice((1, 1, 2, 2, 3))
    frs, zhs = [], []
    for j in range(count):
        # the first sentence carries the unit's own number
        pool = WITH_COUNT if j == 0 else SENTENCES
        fr, zh = fill(rng, rng.choice(pool), 1000 + i if j == 0 else None)
        frs.append(fr)
        zhs.append(zh)
    fr, zh = " ".join(frs), "".join(zhs)
    if rng.random() < 0.125:
        fr, zh = add_inline(rng, fr, zh)
    who = rng.choice(TRANSLATORS)
    zh_source = rng.random() < 0.2
    out = ['<tu tuid="u%d" creationdate="%s" creationid="%s"'
           % (i, date(i), who)]
    if zh_source:
        out.append(' srclang="zh-CN"')
    if rng.random() < 0.25:
        out.append(' changedate="%s" changeid="%s"'
                   % (date(i + 1440), rng.choice(TRANSLATORS)))
    out.append(">\n")
    if rng.random() < 0.3:
        out.append('  <prop type="x-project">%s</prop>\n'
                   % rng.choice(PROJECTS))
    if rng.random() < 0.05:
        out.append("  <note>%s</note>\n" % escape(rng.choice(NOTES)))
    tuv_prop = ('<prop type="x-context">paragraphe %d</prop>'
                % rng.randint(1, 400)) if rng.random() < 0.05 else ""
    fr_tuv = '  <tuv xml:lang="fr-FR">%s<seg>%s</seg></tuv>\n' % (tuv_prop, fr)
    zh_tuv = '  <tuv xml:lang="zh-CN"><seg>%s</seg></tuv>\n' % zh
    out.extend((zh_tuv, fr_tuv) if zh_source else (fr_tuv, zh_tuv))
    out.append("</tu>\n")
    return "".join(out)


HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="tmgloss-bench" creationtoolversion="1" segtype="sentence"
 o-tmf="gen-tmx.py" adminlang="fr" srclang="fr-FR" datatype="plaintext"
 creationdate="20250622T090000Z">
<note>Generated by bench/gen-tmx.py for the import benchmark.</note>
</header>
<body>
"""


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: gen-tmx.py SIZE_MB OUTPUT.tmx [SEED]")
    target = int(float(sys.argv[1]) * 1000 * 1000)
    seed = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    rng = random.Random(seed)
    written = 0
    units = 0
    with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
        written += f.write(HEADER)
        batch = []
        size = 0
        while written + size < target:
            s = unit(rng, units)
            batch.append(s)
            size += len(s.encode("utf-8"))
            units += 1
            if len(batch) == 4096:
                f.write("".join(batch))
                written += size
                batch, size = [], 0
        f.write("".join(batch))
        f.write("</body>\n</tmx>\n")
    print(units)


if __name__ == "__main__":
    main()
