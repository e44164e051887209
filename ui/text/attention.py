"""Strings of the attention page."""

# Symbols and names that read the same in both languages.
SAME_IN_BOTH = {"attention.cell", "attention.translate.result"}

_ERRORS = {
    "attention.error.empty": ("Row {row}, {column}: the cell is empty.",
                              "第 {row} 行“{column}”：单元格为空。"),
    "attention.error.characters": (
        "Row {row}, {column}: “{value}” contains a tab, a line break or another invisible "
        "character.",
        "第 {row} 行“{column}”：“{value}”含有制表符、换行符或其他不可见字符。"),
    "attention.error.too_long": (
        "Row {row}, {column}: “{value}” has {length} characters; at most {limit} are allowed.",
        "第 {row} 行“{column}”：“{value}”有 {length} 个字符，最多允许 {limit} 个。"),
    "attention.error.duplicate": (
        "Row {row}, {column}: “{value}” is the same pair as row {other}; delete one of them.",
        "第 {row} 行“{column}”：“{value}”与第 {other} 行是同一对，请删除其中一行。"),
    "attention.error.conflict": (
        "Row {row}, {column}: “{value}” is already in row {other} with another translation; "
        "greedy decoding writes one output per input, so it could never get both right.",
        "第 {row} 行“{column}”：“{value}”已经在第 {other} 行出现，且译文不同；"
        "贪心解码对同一个输入只能写出一个结果，不可能两个都对。"),
    "attention.error.no_pairs": ("Training pairs: the table is empty; add at least one pair.",
                                 "训练词对：表格是空的，请至少添加一对。"),
    "attention.error.too_many": (
        "Training pairs: {value} pairs is too many; at most {limit} are allowed.",
        "训练词对：{value} 对太多了，最多允许 {limit} 对。"),
    "attention.error.letters": ("Row {row}, {column}: “{value}” has a character not allowed.",
                                "第 {row} 行“{column}”：“{value}”含有不允许的字符。"),
    "attention.text.error.empty": ("Input to translate: type something.",
                                   "要翻译的输入：请输入内容。"),
    "attention.text.error.characters": (
        "Input to translate: it contains a tab, a line break or another invisible character.",
        "要翻译的输入：含有制表符、换行符或其他不可见字符。"),
    "attention.text.error.too_long": (
        "Input to translate: {length} characters; at most {limit} are allowed.",
        "要翻译的输入：有 {length} 个字符，最多允许 {limit} 个。"),
    "attention.text.error.unknown": (
        "Input to translate: the model never saw “{value}”; it knows only these characters: "
        "{known}",
        "要翻译的输入：模型从未见过“{value}”，它只认识这些字符：{known}"),
    "attention.text.error.letters": ("Input to translate: a character is not allowed.",
                                     "要翻译的输入：含有不允许的字符。"),
}

STRINGS = {
    **_ERRORS,
    "attention.title": ("Attention, trained live: watch the decoder learn where to look",
                        "实时训练注意力：看解码器学会该看哪里"),
    "attention.intro": (
        "The plain encoder-decoder squeezes the whole input into one context vector. With "
        "**attention** the decoder keeps every encoder state $h_j$ and, at each output step $s$, "
        "scores them against its previous state, turns the scores into weights "
        "$\\alpha_{s,j}$ that sum to 1 (a softmax), and reads the weighted average "
        "$c_s = \\sum_j \\alpha_{s,j} h_j$. The weights are the **attention matrix**: one row "
        "per output step, one column per input step. Train on reversing strings and watch "
        "the anti-diagonal appear: the first output letter looks at the last input letter.",
        "普通的编码器-解码器把整个输入压缩进一个上下文向量。有了**注意力**，解码器保留编码器"
        "的每个状态 $h_j$，在每个输出步 $s$ 用上一步的状态给它们打分，经 softmax 变成和为 1 "
        "的权重 $\\alpha_{s,j}$，再读取加权平均 $c_s = \\sum_j \\alpha_{s,j} h_j$。这些权重"
        "就是**注意力矩阵**：每行是一个输出步，每列是一个输入步。用字符串反转来训练，"
        "就能看到反对角线逐渐出现：第一个输出字母看的是最后一个输入字母。"),
    # 1 · task
    "attention.task.header": ("1 · Task", "1 · 任务"),
    "attention.task": ("Task", "任务"),
    "attention.task.pairs": ("Word pairs", "词对"),
    "attention.task.reverse": ("Reverse strings", "反转字符串"),
    "attention.task.copy": ("Copy strings", "复制字符串"),
    "attention.task.reverse.explain": (
        "Random strings over {letters}; the model must write each one backwards. {held} strings "
        "per length (fewer for short lengths) are held out: never trained on, used only to "
        "measure exact-match.",
        "由 {letters} 组成的随机字符串，模型要把每个字符串倒过来写。每个长度留出 {held} 个"
        "字符串（短的长度更少）：从不参与训练，只用来计算完全匹配率。"),
    "attention.task.copy.explain": (
        "Random strings over {letters}; the model must write each one again as it is. {held} "
        "strings per length (fewer for short lengths) are held out: never trained on, used "
        "only to measure exact-match.",
        "由 {letters} 组成的随机字符串，模型要原样再写一遍。每个长度留出 {held} 个字符串"
        "（短的长度更少）：从不参与训练，只用来计算完全匹配率。"),
    "attention.lengths": ("String lengths", "字符串长度"),
    "attention.lengths.help": ("Training and held-out strings have lengths in this range.",
                               "训练与留出字符串的长度都在这个范围内。"),
    "attention.pairs.label": ("Training pairs", "训练词对"),
    "attention.pairs.help": (
        "The course material's example. Edit, add or delete rows: any characters (pinyin and "
        "Chinese work too), at most {chars} per word, at most {pairs} pairs, one translation "
        "per word.",
        "课程原版示例。可以修改、添加或删除行：任何字符都可以（拼音、汉字也行），每个词最多 "
        "{chars} 个字符，最多 {pairs} 对，每个词只能有一种译文。"),
    "attention.col.word": ("Input word", "输入词"),
    "attention.col.target": ("Translation", "译文"),
    # 2 · model
    "attention.model.header": ("2 · Model", "2 · 模型"),
    "attention.score": ("Attention score", "注意力打分"),
    "attention.score.additive": ("Additive (Bahdanau)", "加性（Bahdanau）"),
    "attention.score.dot": ("Dot product (Luong)", "点积（Luong）"),
    "attention.score.additive.formula": (
        "Score: $e_{s,j} = v^\\top \\tanh(W_s\\, s_{s-1} + W_h\\, h_j)$, "
        "$\\alpha_{s,\\cdot} = \\mathrm{softmax}(e_{s,\\cdot})$, "
        "$c_s = \\sum_j \\alpha_{s,j} h_j$; the decoder reads $[\\text{onehot}(y_{s-1}); c_s]$.",
        "打分：$e_{s,j} = v^\\top \\tanh(W_s\\, s_{s-1} + W_h\\, h_j)$，"
        "$\\alpha_{s,\\cdot} = \\mathrm{softmax}(e_{s,\\cdot})$，"
        "$c_s = \\sum_j \\alpha_{s,j} h_j$；解码器读入 $[\\text{onehot}(y_{s-1}); c_s]$。"),
    "attention.score.dot.formula": (
        "Score: $e_{s,j} = s_{s-1}^\\top h_j$ (no parameters; with a bidirectional encoder "
        "$h_j$ is first projected to the decoder's width), "
        "$\\alpha_{s,\\cdot} = \\mathrm{softmax}(e_{s,\\cdot})$, "
        "$c_s = \\sum_j \\alpha_{s,j} h_j$.",
        "打分：$e_{s,j} = s_{s-1}^\\top h_j$（没有参数；双向编码器的 $h_j$ 先投影到解码器的"
        "宽度），$\\alpha_{s,\\cdot} = \\mathrm{softmax}(e_{s,\\cdot})$，"
        "$c_s = \\sum_j \\alpha_{s,j} h_j$。"),
    "attention.cell": ("Cell", "Cell"),
    "attention.bidirectional": ("Bidirectional encoder", "双向编码器"),
    "attention.bidirectional.help": (
        "Each h_j then holds a forward and a backward half: the steps before and after j.",
        "这样每个 h_j 都有前向和后向两半：分别概括 j 之前和之后的输入。"),
    "attention.bidirectional.link": ("What a bidirectional RNN is", "什么是双向 RNN"),
    "attention.hidden": ("Hidden size", "隐藏层大小"),
    "attention.seed": ("Seed", "随机种子"),
    # 3 · training
    "attention.train.header": ("3 · Train", "3 · 训练"),
    "attention.example.pair": ("Example shown while training", "训练时显示的样例"),
    "attention.example.length": ("Example shown while training: held-out string of length",
                                 "训练时显示的样例：留出字符串的长度"),
    "attention.example.length.help": (
        "The first held-out string of this length (never trained on).",
        "这个长度的第一个留出字符串（从未参与训练）。"),
    "attention.metric.updates": ("Updates", "更新次数"),
    "attention.metric.loss": ("Loss", "损失"),
    "attention.metric.accuracy.True": ("Pairs right (greedy)", "词对正确率（贪心）"),
    "attention.metric.accuracy.False": ("Held-out exact-match", "留出集完全匹配率"),
    "attention.metric.seconds": ("Training time", "训练用时"),
    "attention.curves.title": ("Loss and exact-match during training", "训练中的损失与完全匹配率"),
    "attention.axis.updates": ("optimizer update", "优化器更新次数"),
    "attention.axis.loss": ("loss (cross-entropy per symbol)", "损失（每个符号的交叉熵）"),
    "attention.axis.accuracy.True": ("pairs right (greedy)", "词对正确率（贪心）"),
    "attention.axis.accuracy.False": ("held-out exact-match", "留出集完全匹配率"),
    "attention.axis.input": ("input step (symbol read)", "输入步（读入的符号）"),
    "attention.axis.output": ("output step (symbol written)", "输出步（写出的符号）"),
    "attention.axis.unit": ("unit of c", "c 的分量"),
    "attention.axis.rank": ("rank", "名次"),
    "attention.axis.length": ("string length", "字符串长度"),
    "attention.model.one": ("with attention", "有注意力"),
    "attention.model.attention": ("with attention", "有注意力"),
    "attention.model.plain": ("plain (no attention)", "普通（无注意力）"),
    "attention.expected": ("where it should look", "应当关注的位置"),
    "attention.live.title": ("Attention for “{word}” (writes “{output}”)",
                             "“{word}”的注意力（写出“{output}”）"),
    "attention.read.curves": (
        "the loss (top, log scale) should fall and the exact-match (bottom) rise; now: loss "
        "{loss:.3g} and exact-match {accuracy:.1%} after {updates} updates.",
        "上图损失（对数坐标）应当下降，下图完全匹配率应当上升；目前：{updates} 次更新后，"
        "损失 {loss:.3g}，完全匹配率 {accuracy:.1%}。"),
    "attention.read.live.reverse": (
        "each row is one output step and sums to 1; the squares mark the anti-diagonal, where "
        "reversal must look. “{word}” should become “{target}”; now the model writes "
        "“{output}”.{numbers}",
        "每行是一个输出步，和为 1；方框标出反对角线，也就是反转时应当关注的位置。"
        "“{word}”应变成“{target}”，模型现在写出“{output}”。{numbers}"),
    "attention.read.live.copy": (
        "each row is one output step and sums to 1; the squares mark the diagonal, where "
        "copying must look. “{word}” should stay “{target}”; now the model writes “{output}”."
        "{numbers}",
        "每行是一个输出步，和为 1；方框标出对角线，也就是复制时应当关注的位置。"
        "“{word}”应保持为“{target}”，模型现在写出“{output}”。{numbers}"),
    "attention.read.live.pairs": (
        "each row is one output step and sums to 1; a bright cell is the input letter that "
        "step read most. “{word}” should become “{target}”; now the model writes “{output}”."
        "{numbers}",
        "每行是一个输出步，和为 1；亮的格子是该步最关注的输入字母。"
        "“{word}”应译为“{target}”，模型现在写出“{output}”。{numbers}"),
    "attention.read.live.numbers": (
        " Output step 1 puts {weight:.2f} of its attention on “{symbol}”.",
        "第 1 个输出步把 {weight:.2f} 的注意力放在“{symbol}”上。"),
    "attention.stopped_model": (
        "Training was stopped: below is the model as last saved, after {updates} updates.",
        "训练已停止：下面是最后一次保存的模型（{updates} 次更新之后）。"),
    "attention.press_train": (
        "Press Train: the curves and the attention matrix are redrawn as the model learns. "
        "Then type any input below to see how it is translated.",
        "按“训练”：曲线和注意力矩阵会随着模型学习不断重画。训练后可以在下面输入任意内容，"
        "看它如何被翻译。"),
    # 4 · any input
    "attention.translate.header": ("4 · Translate any input", "4 · 翻译任意输入"),
    "attention.text": ("Input to translate", "要翻译的输入"),
    "attention.text.help": (
        "Up to {limit} characters the model knows; empty shows the training example.",
        "最多 {limit} 个模型认识的字符；留空则显示训练样例。"),
    "attention.translate.result": ("**{text}** → **{output}**", "**{text}** → **{output}**"),
    "attention.translate.True": ("(right)", "（正确）"),
    "attention.translate.False": ("(expected **{expected}**)", "（应为 **{expected}**）"),
    "attention.matrix.title": ("Attention matrix for “{text}”", "“{text}”的注意力矩阵"),
    "attention.read.matrix": (
        "row s is where output step s looked; every row sums to 1 (the first: {sum:.6f}). The "
        "input step each row looked at most, top to bottom: {peaks}.",
        "第 s 行是第 s 个输出步关注的位置；每行和为 1（第一行：{sum:.6f}）。"
        "从上到下，每行最关注的输入步依次是：{peaks}。"),
    "attention.context.title": ("Context vector c_s at each output step",
                                "每个输出步的上下文向量 c_s"),
    "attention.read.context": (
        "one column per output step, {d} units per column: unlike the plain encoder-decoder's "
        "single context, c_s changes at every step, because it is a different weighted "
        "average of the encoder states. Here unit 1 is {first:+.3f} at output step 1 and "
        "{last:+.3f} at output step {S}.",
        "每个输出步一列，每列 {d} 个分量：与普通编码器-解码器唯一的上下文不同，c_s 每一步都"
        "在变，因为它是编码器状态的不同加权平均。这里第 1 个分量在第 1 个输出步为 {first:+.3f}，"
        "在第 {S} 个输出步为 {last:+.3f}。"),
    "attention.probs.title": ("Decoder: the 5 most probable symbols per step",
                              "解码器：每步概率最高的 5 个符号"),
    "attention.read.probs": (
        "rank 1 (top row) is the symbol written; the least confident step still gave its "
        "choice p = {p:.3f}.",
        "第 1 名（最上一行）就是写出的符号；最没把握的一步，其选择的概率仍为 p = {p:.3f}。"),
    "attention.no_attention": ("This model has no attention.", "这个模型没有注意力。"),
    # 5 · comparison
    "attention.compare.header": ("5 · With and without attention", "5 · 有无注意力对比"),
    "attention.compare.explain": (
        "Two models train side by side on reversing strings of {low} to {high} letters, from "
        "the same seed, on the very same batches, with the same budget ({updates} updates, "
        "or 60 s of each model's own training time): one with attention, one plain (a "
        "single context vector). Each stops on its own once it has learnt the task. It takes "
        "about **{seconds} seconds** (the model settings above apply to both).",
        "两个模型并排训练反转 {low} 到 {high} 个字母的字符串：相同随机种子、完全相同的批次、"
        "相同的预算（{updates} 次更新，或每个模型各自 60 秒的训练时间）；一个有注意力，一个是"
        "普通模型（只有一个上下文向量）。各自学会后就自行停止。大约需要 **{seconds} 秒**"
        "（上面的模型设置对两者都适用）。"),
    "attention.compare.curves": ("With and without attention: loss and held-out exact-match",
                                 "有无注意力：损失与留出集完全匹配率"),
    "attention.read.compare_curves": (
        "same x axis (updates) for both; a line that ends early is a model that had learnt "
        "the task and stopped. {numbers}",
        "两者横轴相同（更新次数）；提前结束的曲线表示那个模型已学会任务并停止。{numbers}"),
    "attention.read.compare.model": (
        "{name}: last at update {updates}, loss {loss:.3g}, exact-match {accuracy:.1%}",
        "{name}：最后在第 {updates} 次更新时损失 {loss:.3g}，完全匹配率 {accuracy:.1%}"),
    "attention.read.compare.separator": ("; ", "；"),
    "attention.read.compare.end": (".", "。"),
    "attention.by_length.title": ("Held-out exact-match by string length",
                                  "按字符串长度的留出集完全匹配率"),
    "attention.read.by_length": (
        "at length {longest} the plain model reverses {plain:.1%} of the held-out strings, "
        "the attention model {attention:.1%}; over all lengths {plain_all:.1%} against "
        "{attention_all:.1%}. {verdict}",
        "在长度 {longest} 上，普通模型能反转 {plain:.1%} 的留出字符串，注意力模型为 "
        "{attention:.1%}；所有长度合计为 {plain_all:.1%} 对 {attention_all:.1%}。{verdict}"),
    "attention.verdict.True": (
        "The plain model falls off as strings get longer: one vector cannot hold them.",
        "字符串越长普通模型越差：一个向量装不下它们。"),
    "attention.verdict.False": (
        "At these lengths one vector is still enough: move the lengths up to 12 or more.",
        "在这些长度上一个向量还够用：把长度调到 12 或更长再试。"),
}
