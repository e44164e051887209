"""Strings of the encoder-decoder (Seq2Seq) page."""

# Model code that reads the same in both languages.
SAME_IN_BOTH = {"seq2seq.formula"}

STRINGS = {
    "seq2seq.title": ("Encoder-decoder (Seq2Seq): translating words",
                      "编码器-解码器（Seq2Seq）：翻译单词"),
    "seq2seq.intro": (
        "One RNN (the **encoder**) reads a word symbol by symbol; its last hidden state, the "
        "**context**, is all the second RNN (the **decoder**) gets to know about the word. "
        "Starting from the start symbol **{start}**, the decoder writes the translation one "
        "symbol at a time until it writes the end symbol **{end}**. The course material's "
        "pairs turn English words into Spanish ones; yours may use any characters, pinyin or "
        "Chinese too.",
        "一个 RNN（**编码器**）逐个符号读入单词，它最后的隐状态就是**上下文向量**——"
        "第二个 RNN（**解码器**）对这个单词的全部了解都来自它。解码器从起始符 **{start}** 出发，"
        "一次写出一个符号，直到写出结束符 **{end}**。课程原版的词对把英文单词译成西班牙语；"
        "你的词对可以用任何字符，拼音、汉字都可以。",
    ),
    "seq2seq.alphabet.course": (
        "Alphabet (29 symbols, the course material's): **S** = start, **E** = end, **?** = "
        "padding, then a–z. Every word is padded with ? to {n} letters. For {word} → {target} "
        "the encoder reads {enc}, the decoder is fed {dec} and must write {out}.",
        "字母表（29 个符号，与课程原版相同）：**S** 表示开始，**E** 表示结束，**?** 用于填充，"
        "其后是 a–z。每个单词都用 ? 补齐到 {n} 个字母。以 {word} → {target} 为例：编码器读入 "
        "{enc}，解码器的输入是 {dec}，应当输出 {out}。",
    ),
    "seq2seq.alphabet.pairs": (
        "Alphabet ({size} symbols, built from the pairs): **{start}** = start, **{end}** = end, "
        "**{pad}** = padding, then the {count} characters of the pairs: {chars}. Every word is "
        "padded with {pad} to {n} characters. For {word} → {target} the encoder reads {enc}, the "
        "decoder is fed {dec} and must write {out}.",
        "字母表（{size} 个符号，由词对生成）：**{start}** 表示开始，**{end}** 表示结束，"
        "**{pad}** 用于填充，其后是词对中的 {count} 个字符：{chars}。每个单词都用 {pad} 补齐到 "
        "{n} 个字符。以 {word} → {target} 为例：编码器读入 {enc}，解码器的输入是 {dec}，"
        "应当输出 {out}。",
    ),
    # 1 · pairs
    "seq2seq.pairs.header": ("1 · Training pairs", "1 · 训练词对"),
    "seq2seq.pairs.help": (
        "Edit, add or delete rows: any characters (pinyin, Chinese…), at most {chars} per "
        "word, at most {pairs} pairs, one translation per word. Words of lowercase a–z only "
        "keep the course material's alphabet of 29 symbols.",
        "可以修改、添加或删除行：可以用任何字符（拼音、汉字……），每个单词最多 {chars} 个字符，"
        "最多 {pairs} 对，每个原词只能有一种译文。只用小写字母 a–z 时，沿用课程原版 29 个符号的"
        "字母表。",
    ),
    "seq2seq.pairs.label": ("Training pairs", "训练词对"),
    "seq2seq.col.word": ("Word", "原词"),
    "seq2seq.col.target": ("Translation", "译文"),
    "seq2seq.error.empty": (
        "Row {row}, {column}: the cell is empty.",
        "第 {row} 行“{column}”：单元格为空。",
    ),
    "seq2seq.error.characters": (
        "Row {row}, {column}: “{value}” contains a tab, a line break or another character "
        "that cannot be shown.",
        "第 {row} 行“{column}”：“{value}”含有制表符、换行符或其他无法显示的字符。",
    ),
    "seq2seq.error.reserved": (
        "Row {row}, {column}: “{value}” contains ␂, ␃ or ␀, which the network keeps for its "
        "start, end and padding symbols.",
        "第 {row} 行“{column}”：“{value}”含有 ␂、␃ 或 ␀，这些符号留作网络的起始符、结束符和"
        "填充符。",
    ),
    "seq2seq.error.too_long": (
        "Row {row}, {column}: “{value}” has {length} characters; at most {limit} are allowed.",
        "第 {row} 行“{column}”：“{value}”有 {length} 个字符，最多允许 {limit} 个。",
    ),
    "seq2seq.error.conflict": (
        "Row {row}, {column}: “{value}” is already in row {other} with another translation; "
        "greedy decoding writes one word per input, so it could never get both right.",
        "第 {row} 行“{column}”：“{value}”已经在第 {other} 行出现，且译文不同；"
        "贪心解码对同一个输入只能写出一个单词，不可能两个都译对。",
    ),
    "seq2seq.error.no_pairs": (
        "Training pairs: the table is empty; add at least one pair.",
        "训练词对：表格是空的，请至少添加一对。",
    ),
    "seq2seq.error.too_many": (
        "Training pairs: {value} pairs is too many; at most {limit} are allowed.",
        "训练词对：{value} 对太多了，最多允许 {limit} 对。",
    ),
    "seq2seq.error.keep": (
        "Training is off until the table is fixed; the last trained model stays below.",
        "表格修正之前无法训练；下面仍显示上次训练好的模型。",
    ),
    # 2 · training
    "seq2seq.train.header": ("2 · Training", "2 · 训练"),
    "seq2seq.recipe": ("Recipe", "训练方案"),
    "seq2seq.recipe.fast": (
        "Fast: Adam lr {lr}, stop when right",
        "快速：Adam 学习率 {lr}，学会即停",
    ),
    "seq2seq.recipe.spec": (
        "Course material: Adam lr 0.001, 5000 epochs",
        "课程原版：Adam 学习率 0.001，5000 轮",
    ),
    "seq2seq.recipe.fast.explain": (
        "Full-batch Adam with learning rate {lr}. Training stops once greedy decoding has "
        "translated every pair correctly for {margin} epochs in a row (at most {epochs} "
        "epochs). Usually well under a second.",
        "全批量 Adam，学习率 {lr}。当贪心解码连续 {margin} 轮把所有词对都翻译正确时停止"
        "（最多 {epochs} 轮），通常不到一秒。",
    ),
    "seq2seq.recipe.spec.explain": (
        "The loop of the course material: Adam with learning rate 0.001 for all 5000 epochs, "
        "no early stop (about 10 s; the loss ends near 4·10⁻⁵).",
        "课程资料中的原始循环：Adam 学习率 0.001，完整训练 5000 轮，不提前停止"
        "（约 10 秒，最终损失约 4·10⁻⁵）。",
    ),
    "seq2seq.formula": (
        "encoder: nn.RNN({size}, {hidden})   decoder: nn.RNN({size}, {hidden})   "
        "fc: nn.Linear({hidden}, {size})",
        "encoder: nn.RNN({size}, {hidden})   decoder: nn.RNN({size}, {hidden})   "
        "fc: nn.Linear({hidden}, {size})",
    ),
    "seq2seq.hidden": ("Hidden size", "隐藏层大小"),
    "seq2seq.hidden.help": ("The course material uses 128.", "课程资料中为 128。"),
    "seq2seq.seed": ("Random seed", "随机种子"),
    "seq2seq.seed.help": (
        "Fixes the initial weights: the same seed gives the same run.",
        "决定初始权重：相同的种子得到相同的训练过程。",
    ),
    "seq2seq.metric.final_loss": ("Final loss", "最终损失"),
    "seq2seq.metric.epochs": ("Epochs trained", "已训练轮数"),
    "seq2seq.metric.right": ("Pairs right (greedy)", "贪心解码正确的词对"),
    "seq2seq.metric.first_right": ("All right first at epoch", "首次全部正确的轮次"),
    "seq2seq.metric.never": ("not yet", "尚未"),
    "seq2seq.curve.title": ("Training loss (log scale)", "训练损失（对数坐标）"),
    "seq2seq.axis.epoch": ("Epoch", "训练轮次"),
    "seq2seq.axis.loss": ("Loss (sum over pairs of mean cross-entropy, nats)",
                          "损失（各词对平均交叉熵之和，nat）"),
    "seq2seq.hover.greedy": ("Greedy translations:", "贪心解码结果："),
    "seq2seq.hover.right": ("all right", "全部正确"),
    "seq2seq.read.curve": (
        "each point is one epoch; the star marks the first epoch at which greedy decoding "
        "got every pair right. Hover to see the translations at that point. Here: loss "
        "{loss} at epoch {epoch}, {right} of {n} pairs right; all right first at epoch: "
        "{first}.",
        "每个点是一轮训练；星号标出贪心解码首次把所有词对都译对的轮次。鼠标悬停可看到当时的译文。"
        "这次第 {epoch} 轮的损失是 {loss}，{n} 个词对中译对 {right} 个；"
        "首次全部正确的轮次：{first}。",
    ),
    "seq2seq.press_train": (
        "Press Train: the model has not been trained yet.",
        "按“训练”开始：模型还没有训练。",
    ),
    "seq2seq.training": (
        "Training: the translations of the training pairs and the inside of one translation "
        "appear here once it has finished.",
        "正在训练：训练结束后，这里会显示训练词对的翻译结果和一次翻译的内部。",
    ),
    "seq2seq.stopped_model": (
        "Training was stopped: below is the model as saved at epoch {epoch}.",
        "训练已停止：下面显示的是第 {epoch} 轮保存的模型。",
    ),
    # 3 · results
    "seq2seq.table.header": ("3 · Translations of the training pairs", "3 · 训练词对的翻译结果"),
    "seq2seq.table.explain": (
        "**Greedy decoding** is how the model really translates: it starts from {start} and feeds "
        "each letter it wrote back in as the next input, so one wrong letter can derail the "
        "rest. **Teacher forcing** is how it was trained: at every step the decoder is given "
        "the *correct* previous letter, whatever it predicted. So during training teacher "
        "forcing is closer to the target (each letter only has to be right after a correct "
        "past), while greedy decoding can lock onto a wrong word; once every teacher-forced "
        "letter is right, greedy decoding writes exactly the same word.",
        "**贪心解码**是模型真正翻译的方式：从 {start} 开始，把自己写出的每个字母作为下一步的输入，"
        "所以一个字母写错就可能让后面全部跑偏。**教师强制**是训练时的方式：不管模型预测了什么，"
        "每一步都把*正确的*上一个字母喂给解码器。所以训练过程中教师强制的输出更接近目标"
        "（每个字母只需在前文正确的前提下写对），而贪心解码可能一路错成别的单词；"
        "等到教师强制的每个字母都对了，贪心解码写出的单词就和它完全一样。",
    ),
    "seq2seq.not_learned": (
        "Greedy decoding still gets {wrong} of {n} pairs wrong after {epochs} epochs. A word "
        "much shorter than the padded length ({n_step} symbols) is followed by many {pad}, and "
        "the plain RNN encoder can lose the word on the way: try another seed, the course "
        "material's recipe, or longer words (pinyin rather than characters).",
        "训练 {epochs} 轮后，贪心解码仍把 {n} 对中的 {wrong} 对译错。比补齐长度（{n_step} 个符号）"
        "短得多的单词后面跟着许多 {pad}，普通 RNN 编码器读到最后可能已经“忘了”这个单词：可以换一个"
        "随机种子、改用课程原版的训练方案，或者用更长的词（用拼音代替汉字）。",
    ),
    "seq2seq.col.greedy": ("Greedy decoding", "贪心解码"),
    "seq2seq.col.forced": ("Teacher forcing", "教师强制"),
    "seq2seq.col.correct": ("Correct", "正确"),
    "seq2seq.history.header": ("How the translations changed while training",
                               "训练过程中译文的变化"),
    "seq2seq.history.gap": (
        "At epoch {epoch} teacher forcing already got {forced} of {n} words right, but greedy "
        "decoding only {greedy}: once the decoder has to live with its own mistakes, one "
        "wrong letter spoils the rest of the word.",
        "在第 {epoch} 轮，教师强制已经译对了 {n} 个单词中的 {forced} 个，而贪心解码只译对了 "
        "{greedy} 个：一旦解码器必须接着自己的错误往下写，一个字母错了，后面整个单词就跟着错。",
    ),
    "seq2seq.col.loss": ("Loss", "损失"),
    "seq2seq.col.greedy_right": ("Greedy right", "贪心正确数"),
    "seq2seq.col.forced_right": ("Teacher forcing right", "教师强制正确数"),
    # 4 · one word
    "seq2seq.word.header": ("4 · Inside one translation", "4 · 一次翻译的内部"),
    "seq2seq.word": ("Word to translate", "要翻译的单词"),
    "seq2seq.word.help": (
        "Any word of at most {limit} characters from the network's alphabet, also one the "
        "model never saw. The training words were padded to {n} characters; a shorter word is "
        "padded the same way.",
        "由网络字母表中的字符组成、不超过 {limit} 个字符的任意单词，也可以是模型没见过的词。"
        "训练单词都补齐到 {n} 个字符，较短的单词也会同样补齐。",
    ),
    "seq2seq.word.longer": (
        "This word has {length} characters, more than the {n} of every training word: the "
        "encoder reads it without padding, a length it never saw in training, so expect odd "
        "output.",
        "这个单词有 {length} 个字符，比所有训练单词的 {n} 个都长：编码器读入时不做填充，"
        "这种长度在训练中从未出现过，输出可能很奇怪。",
    ),
    "seq2seq.word.error.empty": ("Word to translate: type a word.",
                                 "要翻译的单词：请输入一个单词。"),
    "seq2seq.word.error.unknown": (
        "Word to translate: “{value}” has characters the network's alphabet does not have: "
        "{unknown}.",
        "要翻译的单词：“{value}”中有网络字母表里没有的字符：{unknown}。",
    ),
    "seq2seq.word.error.characters": (
        "Word to translate: “{value}” contains a tab, a line break or another character that "
        "cannot be shown.",
        "要翻译的单词：“{value}”含有制表符、换行符或其他无法显示的字符。",
    ),
    "seq2seq.word.error.too_long": (
        "Word to translate: “{value}” has {length} characters; at most {limit} are allowed.",
        "要翻译的单词：“{value}”有 {length} 个字符，最多允许 {limit} 个。",
    ),
    "seq2seq.quoted": ("“{char}”", "“{char}”"),
    "seq2seq.separator": (", ", "、"),
    "seq2seq.word.result": (
        "**{word}** → **{output}** (greedy decoding wrote `{symbols}`)",
        "**{word}** → **{output}**（贪心解码写出了 `{symbols}`）",
    ),
    "seq2seq.word.no_end": (
        "The decoder never wrote {end}, so it was stopped after {n} symbols.",
        "解码器一直没有写出 {end}，因此在 {n} 个符号后被截断。",
    ),
    "seq2seq.word.unknown": (
        "“{word}” is not a training word: the model can only recombine what it learned.",
        "“{word}”不是训练单词：模型只能把学过的东西重新组合。",
    ),
    "seq2seq.word.known": (
        "Training pair: the expected translation is **{target}**.",
        "这是训练词对，期望的译文是 **{target}**。",
    ),
    "seq2seq.encoder.title": ("Encoder hidden state per input symbol",
                              "编码器每个输入符号后的隐状态"),
    "seq2seq.context.title": ("Context vector handed to the decoder", "交给解码器的上下文向量"),
    "seq2seq.decoder.title": ("Decoder: probability of each symbol per output step",
                              "解码器：每个输出步各符号的概率"),
    "seq2seq.axis.input_step": ("Encoder step: symbol read", "编码器时间步：读入的符号"),
    "seq2seq.axis.output_step": ("Decoder step: symbol fed in → symbol written",
                                 "解码器时间步：输入符号 → 写出符号"),
    "seq2seq.axis.unit": ("Hidden unit", "隐藏单元"),
    "seq2seq.axis.state": ("Activation (tanh, −1 to 1)", "激活值（tanh，−1 到 1）"),
    "seq2seq.axis.value": ("state (tanh)", "状态（tanh）"),
    "seq2seq.axis.symbol": ("Symbol", "符号"),
    "seq2seq.axis.prob": ("probability", "概率"),
    "seq2seq.chosen": ("written (argmax)", "写出的符号（argmax）"),
    "seq2seq.read.encoder": (
        "each column is the encoder's state after reading that symbol (red positive, blue "
        "negative); the last column, after {end}, is the context: here its {n} values run "
        "from {low} to {high}.",
        "每一列是编码器读入该符号后的状态（红为正、蓝为负）；"
        "最后一列（读入 {end} 之后）就是上下文向量：这里它的 {n} 个值"
        "从 {low} 到 {high}。",
    ),
    "seq2seq.read.context": (
        "these {n} numbers are everything the decoder knows about the word; the largest in "
        "size is unit {unit}, at {value}.",
        "这 {n} 个数就是解码器对这个单词的全部了解；绝对值最大的是第 {unit} 个单元，"
        "值为 {value}。",
    ),
    "seq2seq.read.decoder": (
        "each column is one output step; bright = likely. The ring is the letter greedy "
        "decoding wrote and fed into the next step: a ring on a wrong letter, with another "
        "bright cell in the same column, is where a wrong letter came from. The least sure "
        "choice here: “{symbol}” at step {step}, with p = {p}.",
        "每一列是一个输出步，越亮概率越大。圆圈是贪心解码写出并喂给下一步的字母：如果圆圈选错了，"
        "而同一列还有另一个较亮的格子，错误的字母就是从这里来的。这里最没把握的选择是第 {step} 步的"
        "“{symbol}”，p = {p}。",
    ),
    "seq2seq.steps.header": ("Step by step: greedy decoding vs teacher forcing",
                             "逐步对比：贪心解码与教师强制"),
    "seq2seq.col.step": ("Step", "时间步"),
    "seq2seq.col.greedy_in": ("Greedy: fed in", "贪心：输入"),
    "seq2seq.col.greedy_out": ("Greedy: wrote", "贪心：写出"),
    "seq2seq.col.greedy_p": ("Greedy: probability", "贪心：概率"),
    "seq2seq.col.forced_in": ("Teacher: fed in", "教师强制：输入"),
    "seq2seq.col.forced_out": ("Teacher: predicts", "教师强制：预测"),
}
